import type { NightlyRunView, NightlyStatusReply } from '@fittrack/contracts';
import { formatCalendarDate, formatDateTime, formatTime } from '../ui/dates';
import { skipLabel, triggerLabel } from './labels';
import { ReadProblem } from './ReadProblem';
import { Read } from './useRead';

/** The latest nightly runs: what each enqueued, found already queued, skipped and why, and refreshes it asked for. */
export function NightlySection({ read }: { read: Read<NightlyStatusReply> }) {
  const runs = read.data?.runs;
  return (
    <section className="card stack" aria-labelledby="nightly-title">
      <h2 id="nightly-title">Nightly runs</h2>
      <ReadProblem read={read} what="The nightly runs" />
      {!runs && !read.error && <p className="muted">Loading…</p>}
      {runs?.length === 0 && (
        <p className="empty">
          No nightly run yet. The gateway starts one every night at <code>NIGHTLY_CRON</code> (when <code>NIGHTLY_ENABLED</code>); an operator can start
          one now over NATS with <code>garmin.rpc.nightly.run</code>.
        </p>
      )}
      {runs && runs.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Nightly runs table" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Trigger</th>
                <th scope="col">Ran</th>
                <th scope="col" className="number">
                  Enqueued
                </th>
                <th scope="col" className="number">
                  Already queued
                </th>
                <th scope="col">Skipped</th>
                <th scope="col" className="number">
                  Refreshes asked
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <td className="nowrap">{formatCalendarDate(run.runDate)}</td>
                  <td>{triggerLabel(run.trigger)}</td>
                  <td className="small nowrap">
                    {formatDateTime(run.startedAt)}
                    <div className="muted">{run.finishedAt ? `finished ${formatTime(run.finishedAt)}` : 'still running'}</div>
                  </td>
                  <td className="number">{run.usersEnqueued}</td>
                  <td className="number">{run.usersAlreadyQueued}</td>
                  <td className="small">{skipped(run)}</td>
                  <td className="number">{run.refreshesRequested}</td>
                  <td className="small">{run.error ? <span className="error-text">{run.error}</span> : <span className="muted">None</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function skipped(run: NightlyRunView): string {
  const reasons = Object.entries(run.skipped).filter(([, n]) => n > 0);
  return reasons.length === 0 ? 'none' : reasons.map(([reason, n]) => `${n} ${skipLabel(reason)}`).join(', ');
}
