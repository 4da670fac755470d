import type { FleetWorker } from '../api/operator';
import { formatDateTime, formatTime } from '../ui/dates';
import { kindLabel } from './labels';

/** A worker beats every FLEET_REPORT_INTERVAL_MS (10 s by default): a minute of silence means it is stuck or gone. */
export const STALE_AFTER_MS = 60_000;

/** One worker replica: where it runs, whether it still reports, and the jobs it holds the lease of. */
export function WorkerCard({ worker }: { worker: FleetWorker }) {
  // The server's count, as of the read: a browser's clock may be minutes off.
  const silentMs = worker.secondsSinceSeen * 1000;
  const stale = silentMs > STALE_AFTER_MS;
  return (
    <article className={`worker${stale ? ' stale' : ''}`} aria-label={`Worker ${worker.id}`}>
      <header className="row wrap between">
        <code className="worker-id">{worker.id}</code>
        {stale ? (
          <span className="badge badge-stale">Not seen for {Math.round(silentMs / 60_000)} min</span>
        ) : (
          <span className={`badge ${worker.jobs.length > 0 ? 'badge-running' : 'badge-idle'}`}>{worker.jobs.length > 0 ? `Running ${worker.jobs.length}` : 'Idle'}</span>
        )}
      </header>
      <p className="muted small">
        {worker.host} · pid {worker.pid} · up since {formatDateTime(worker.startedAt)} · last seen {formatTime(worker.lastSeenAt)}
      </p>
      {worker.jobs.length === 0 ? (
        <p className="small">{stale ? 'It held no job when last seen.' : 'Idle: waiting for a job.'}</p>
      ) : (
        <ul className="plain-list">
          {worker.jobs.map((job) => (
            <li key={job.jobId}>
              <div className="row wrap between small">
                <strong>{job.displayName ?? 'No name'}</strong>
                <span className="muted">{job.startedAt ? `since ${formatTime(job.startedAt)}` : 'starting'}</span>
              </div>
              <div className="small">
                {job.kinds.map((kind) => (
                  <span key={kind} className={kind === job.currentKind ? 'current-kind' : 'muted'}>
                    {kindLabel(kind)}{' '}
                  </span>
                ))}
              </div>
              <div className="meter">
                <div className="progress" role="progressbar" aria-label={`Progress of ${job.displayName ?? 'the job'}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress}>
                  <div className="progress-bar" style={{ width: `${job.progress}%` }} />
                </div>
                <span className="small">{job.progress}%</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
