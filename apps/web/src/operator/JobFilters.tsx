import type { SyncJobStatus } from '@fittrack/contracts';
import type { FleetJobPage } from '../api/operator';
import { STATUS_ORDER, statusLabel } from './labels';

export interface JobsFilter {
  status: SyncJobStatus | '';
  code: string;
  page: number;
}

/**
 * The status and error-code filters, their choices built from the fleet's counts (a status or a code nobody has is
 * not offered; the one chosen stays offered even when its count falls to none).
 */
export function JobFilters({ counts, filter, onFilter }: { counts: FleetJobPage | null; filter: JobsFilter; onFilter: (filter: JobsFilter) => void }) {
  const byStatus = counts?.byStatus ?? {};
  const failedByCode = counts?.failedByCode ?? {};
  const statuses = [...STATUS_ORDER.filter((status) => byStatus[status] !== undefined), ...Object.keys(byStatus).filter((status) => !STATUS_ORDER.includes(status as SyncJobStatus))];
  if (filter.status && !statuses.includes(filter.status)) statuses.push(filter.status);
  const codes = Object.keys(failedByCode).sort((a, b) => failedByCode[b] - failedByCode[a] || a.localeCompare(b));
  if (filter.code && !codes.includes(filter.code)) codes.push(filter.code);
  const all = Object.values(byStatus).reduce((sum, n) => sum + n, 0);

  return (
    <div className="row wrap filters">
      <label>
        Status
        <select value={filter.status} onChange={(event) => onFilter({ ...filter, status: event.target.value as SyncJobStatus | '', page: 1 })}>
          <option value="">Any status ({all})</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)} ({byStatus[status] ?? 0})
            </option>
          ))}
        </select>
      </label>
      <label>
        Error code
        <select value={filter.code} disabled={codes.length === 0} onChange={(event) => onFilter({ ...filter, code: event.target.value, page: 1 })}>
          <option value="">{codes.length === 0 ? 'No failed job' : 'Any error code'}</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {code} ({failedByCode[code] ?? 0})
            </option>
          ))}
        </select>
      </label>
      {(filter.status || filter.code) && (
        <button type="button" className="secondary" onClick={() => onFilter({ status: '', code: '', page: 1 })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
