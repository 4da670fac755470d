import { useState } from 'react';
import { fleetLinks, fleetWorkers, listFleetJobs, nightlyRuns, upstreamSeries } from '../api/operator';
import { formatTime } from '../ui/dates';
import { JobsFilter } from './JobFilters';
import { JobsSection } from './JobsSection';
import { LinksSection } from './LinksSection';
import { NightlySection } from './NightlySection';
import { NotOperator } from './NotOperator';
import { UpstreamSection } from './UpstreamSection';
import { useAutoRefresh } from './useAutoRefresh';
import { Read, useRead } from './useRead';
import { WorkersSection } from './WorkersSection';
import './operator.css';

export const REFRESH_EVERY_MS = 10_000;
const PAGE_SIZE = 20;

/**
 * The operator console (`#/admin`): the fleet's jobs, Garmin links, workers, Garmin traffic and nightly runs, read
 * again every 10 s while the tab is visible. Shown only to operators (App.tsx); a 403 from the gateway still wins.
 */
export function OperatorPage() {
  const [filter, setFilter] = useState<JobsFilter>({ status: '', code: '', page: 1 });
  const [hours, setHours] = useState(24);
  const [refreshing, setRefreshing] = useState(false);

  const jobs = useRead(() => listFleetJobs({ status: filter.status || undefined, code: filter.code || undefined, page: filter.page, pageSize: PAGE_SIZE }), JSON.stringify(filter));
  const links = useRead(fleetLinks, 'links');
  const workers = useRead(fleetWorkers, 'workers');
  const upstream = useRead(() => upstreamSeries(hours), String(hours));
  const nightly = useRead(() => nightlyRuns(), 'nightly');
  const reads: Read<unknown>[] = [jobs, links, workers, upstream, nightly];

  const forbidden = reads.some((read) => read.error?.status === 403 && read.error.code === 'OPERATOR_ONLY');
  async function refresh() {
    setRefreshing(true);
    await Promise.all(reads.map((read) => read.reload()));
    setRefreshing(false);
  }
  useAutoRefresh(() => void refresh(), REFRESH_EVERY_MS, !forbidden);

  if (forbidden) return <NotOperator />;
  // Everything shown is at least this fresh.
  const times = reads.flatMap((read) => (read.at ? [read.at.getTime()] : []));
  const updatedAt = times.length > 0 ? new Date(Math.min(...times)) : null;

  return (
    <main className="page operator stack" aria-labelledby="operator-title">
      <div className="row wrap between">
        <h1 id="operator-title">Operator console</h1>
        <div className="row">
          <span className="muted small">
            {updatedAt ? `Updated at ${formatTime(updatedAt)}` : 'Loading…'}
          </span>
          <button type="button" className="secondary" onClick={() => void refresh()} disabled={refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      <JobsSection read={jobs} filter={filter} onFilter={setFilter} />
      <div className="operator-grid">
        <WorkersSection read={workers} />
        <LinksSection read={links} />
      </div>
      <UpstreamSection read={upstream} hours={hours} onHours={setHours} />
      <NightlySection read={nightly} />
    </main>
  );
}
