import type { SyncJobView } from '@fittrack/contracts';
import { formatCalendarDate, formatDateTime } from '../ui/dates';
import { isOpen, KIND_LABELS, STATUS_LABELS, TRIGGER_LABELS } from './labels';
import { useLiveJob } from './useLiveJob';

/** One job: its state, live progress per kind while it runs (pushed over SSE), and its error in plain words. */
export function JobCard({ job: initial, onCancel }: { job: SyncJobView; onCancel: (job: SyncJobView) => void }) {
  const { job, gone } = useLiveJob(initial);
  const open = isOpen(job.status);
  const range = job.from && job.to ? `${formatCalendarDate(job.from)} – ${formatCalendarDate(job.to)}` : 'everything new';
  return (
    <article className={`card job job-${job.status}`} aria-label={`Sync of ${range}: ${STATUS_LABELS[job.status]}`} data-job-id={job.id}>
      <header className="row between">
        <strong>{job.kinds.map((kind) => KIND_LABELS[kind]).join(', ')}</strong>
        <span className={`badge badge-${job.status}`}>{STATUS_LABELS[job.status]}</span>
      </header>
      <p className="muted">
        {range} · {TRIGGER_LABELS[job.trigger]} · {formatDateTime(job.createdAt)}
      </p>
      <div className="progress" role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress}>
        <div className="progress-bar" style={{ width: `${job.progress}%` }} />
      </div>
      <ul className="kinds">
        {job.kinds.map((kind) => {
          const done = job.byKind[kind];
          return (
            <li key={kind} className={job.currentKind === kind ? 'current' : undefined}>
              {KIND_LABELS[kind]}: {done ? `${done.processed}${done.total === null ? '' : ` of ${done.total}`}` : open ? 'waiting' : 'nothing to do'}
            </li>
          );
        })}
      </ul>
      {job.error && (
        <p className="error-text" role={job.status === 'failed' ? 'alert' : undefined}>
          {job.error}
        </p>
      )}
      {gone && <p className="muted">{gone}</p>}
      {open && (
        <button type="button" className="secondary" onClick={() => onCancel(job)}>
          Cancel
        </button>
      )}
    </article>
  );
}
