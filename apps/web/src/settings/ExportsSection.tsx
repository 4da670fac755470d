import type { ExportView } from '@fittrack/contracts';
import { useState } from 'react';
import { listExports, startExport } from '../api/exports';
import { Alert } from '../ui/Alert';
import { isExportOpen } from './export-labels';
import { ExportItem } from './ExportItem';
import { problemOf } from './problem';
import { SectionProblem } from './SectionProblem';
import { useExportPolling } from './useExportPolling';
import { useResource } from './useResource';

/** The whole archive as a ZIP: made as a job (one at a time), followed while it runs, then downloaded. */
export function ExportsSection() {
  const exports = useResource<ExportView[]>(listExports, 'Your exports could not be loaded.');
  const [startProblem, setStartProblem] = useState<string | null>(null);
  const [followProblem, setFollowProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const open = exports.data?.find((view) => isExportOpen(view.status)) ?? null;

  const put = (view: ExportView) =>
    exports.setData((current) => {
      const list = current ?? [];
      return list.some((known) => known.id === view.id) ? list.map((known) => (known.id === view.id ? view : known)) : [view, ...list];
    });

  // Stopped while a read of its progress failed; "Try again" reads the list and follows it again.
  useExportPolling(followProblem === null ? (open?.id ?? null) : null, put, setFollowProblem);

  async function start() {
    setStarting(true);
    setStartProblem(null);
    try {
      // While one is being made, the gateway answers that one instead of starting another.
      put(await startExport());
    } catch (error) {
      setStartProblem(problemOf(error, 'The export could not be started. Please try again.'));
    } finally {
      setStarting(false);
    }
  }

  const followAgain = () => {
    setFollowProblem(null);
    void exports.reload();
  };

  return (
    <section className="card stack" aria-labelledby="exports-title">
      <h2 id="exports-title">Export everything</h2>
      <p className="muted">
        One ZIP of everything FitTrack keeps for you: every original activity file, and every kind of data as JSON and CSV, with a manifest. It is kept for a few days
        after it is made.
      </p>
      <div>
        <button type="button" onClick={() => void start()} disabled={starting || open !== null}>
          {open ? 'Export under way…' : starting ? 'Starting…' : 'Make an export'}
        </button>
      </div>
      {startProblem && <Alert tone="error">{startProblem}</Alert>}
      {followProblem && <SectionProblem message={followProblem} onRetry={followAgain} />}
      {exports.problem && <SectionProblem message={exports.problem} onRetry={() => void exports.reload()} />}
      {exports.data === null && !exports.problem && <p className="muted">Loading…</p>}
      {exports.data?.length === 0 && <p className="empty">No exports yet. Make one to download all your data.</p>}
      {exports.data && exports.data.length > 0 && (
        <ul className="items" aria-label="Your exports">
          {exports.data.map((view) => (
            <ExportItem key={view.id} view={view} />
          ))}
        </ul>
      )}
    </section>
  );
}
