import type { FleetJobPage } from '../api/operator';
import { Figures } from './Figures';
import { JobFilters, JobsFilter } from './JobFilters';
import { JobsTable } from './JobsTable';
import { STATUS_ORDER, statusLabel } from './labels';
import { Pager } from './Pager';
import { ReadProblem } from './ReadProblem';
import { Read } from './useRead';

const TONES: Record<string, 'warn' | 'danger' | undefined> = { failed: 'danger' };

/** Every user's sync jobs: the fleet's counts by status, then the list, filtered and a page at a time. */
export function JobsSection({ read, filter, onFilter }: { read: Read<FleetJobPage>; filter: JobsFilter; onFilter: (filter: JobsFilter) => void }) {
  const page = read.data;
  const filtered = Boolean(filter.status || filter.code);
  return (
    <section className="card stack" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Sync jobs</h2>
      <ReadProblem read={read} what="The jobs" />
      {page === null && !read.error && <p className="muted">Loading…</p>}
      {page && (
        <>
          <Figures label="Jobs by status" figures={STATUS_ORDER.map((status) => ({ label: statusLabel(status), value: page.byStatus[status] ?? 0, tone: TONES[status] }))} />
          <JobFilters counts={page} filter={filter} onFilter={onFilter} />
          {page.items.length > 0 && <JobsTable jobs={page.items} />}
          {page.items.length === 0 && <p className="empty">{emptyText(page, filtered)}</p>}
          {page.total > 0 && <Pager page={page.page} pageSize={page.pageSize} total={page.total} onPage={(next) => onFilter({ ...filter, page: next })} />}
        </>
      )}
    </section>
  );
}

function emptyText(page: FleetJobPage, filtered: boolean): string {
  if (page.total > 0) return 'Nothing on this page: the list has become shorter.';
  if (filtered) return 'No job matches these filters.';
  return 'No sync job yet. Every job of every user shows here as soon as it is made.';
}
