import type { ExportView } from '@fittrack/contracts';
import { formatDateTime } from '../ui/dates';
import { EXPORT_STATUS_LABELS, isExportOpen } from './export-labels';
import { entryName, formatBytes } from './format';

/** One export: its progress while it is made, then its size, contents and download link, or why it failed. */
export function ExportItem({ view }: { view: ExportView }) {
  const { done, total } = view.progress;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const items = view.counts ? Object.values(view.counts).reduce((sum, n) => sum + n, 0) : null;
  return (
    <li className="item export-item" aria-label={`Export of ${formatDateTime(view.createdAt)}: ${EXPORT_STATUS_LABELS[view.status]}`}>
      <div className="stack export-body">
        <div className="row wrap">
          <strong>Export of {formatDateTime(view.createdAt)}</strong>
          <span className={`badge badge-${view.status}`}>{EXPORT_STATUS_LABELS[view.status]}</span>
        </div>
        {isExportOpen(view.status) && (
          <>
            <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={total === null ? undefined : percent}>
              <div className="progress-bar" style={{ width: `${percent}%` }} />
            </div>
            <p className="muted">{total === null ? 'Counting what to put in it…' : `${done} of ${total} items written`}</p>
          </>
        )}
        {view.status === 'completed' && view.downloadUrl && (
          <>
            <p className="muted">
              {view.sizeBytes !== null && `${formatBytes(view.sizeBytes)} · `}
              {items !== null && `${items} items · `}
              {view.expiresAt ? `kept until ${formatDateTime(view.expiresAt)}` : 'kept for a while'}
            </p>
            {view.counts && Object.keys(view.counts).length > 0 && (
              <details>
                <summary>What it holds</summary>
                <ul className="counts">
                  {Object.entries(view.counts).map(([entry, count]) => (
                    <li key={entry}>
                      {entryName(entry)}: {count}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <div>
              <a className="button-link" href={view.downloadUrl} download>
                Download ZIP
              </a>
            </div>
          </>
        )}
        {view.status === 'failed' && <p className="error-text">{view.error ?? 'It failed without a reason.'} Make a new one.</p>}
      </div>
    </li>
  );
}
