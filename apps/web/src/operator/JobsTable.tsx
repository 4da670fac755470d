import type { FleetJob } from '../api/operator';
import { formatDateTime, formatTime } from '../ui/dates';
import { kindLabel, statusLabel, triggerLabel } from './labels';

/** The jobs of a page: whose, what, how far, how often tried, why it failed, and when. */
export function JobsTable({ jobs }: { jobs: FleetJob[] }) {
  return (
    <div className="table-scroll" role="region" aria-label="Jobs table" tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col">Status</th>
            <th scope="col">What</th>
            <th scope="col">Trigger</th>
            <th scope="col">Progress</th>
            <th scope="col" className="number">
              Attempts
            </th>
            <th scope="col">Error</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-job-id={job.id}>
              <td className="who-cell">
                <strong>{job.displayName ?? 'No name'}</strong>
                <div className="muted small">Garmin {job.garminProfileId}</div>
              </td>
              <td>
                <span className={`badge badge-${job.status}`}>{statusLabel(job.status)}</span>
              </td>
              <td className="what-cell">
                {job.kinds.map(kindLabel).join(', ')}
                <div className="muted small">type {job.type}</div>
              </td>
              <td>{triggerLabel(job.trigger)}</td>
              <td>
                <div className="meter">
                  <div className="progress" role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress}>
                    <div className="progress-bar" style={{ width: `${job.progress}%` }} />
                  </div>
                  <span className="small">{job.progress}%</span>
                </div>
              </td>
              <td className="number">{job.attempts}</td>
              <td className="error-cell">
                {job.errorCode || job.error ? (
                  <>
                    {job.errorCode && <code>{job.errorCode}</code>}
                    {job.error && <div className="small">{job.error}</div>}
                  </>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td className="small nowrap">
                {formatDateTime(job.createdAt)}
                <div className="muted">{ran(job)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ran(job: FleetJob): string {
  if (!job.startedAt) return job.finishedAt ? `ended ${formatTime(job.finishedAt)} before it started` : 'not started';
  if (!job.finishedAt) return `running since ${formatTime(job.startedAt)}`;
  return `ran ${formatTime(job.startedAt)}–${formatTime(job.finishedAt)}`;
}
