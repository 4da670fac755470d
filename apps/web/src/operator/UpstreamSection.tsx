import { useMemo } from 'react';
import type { UpstreamSeries } from '../api/operator';
import { Figures } from './Figures';
import { ReadProblem } from './ReadProblem';
import { Chart } from '../ui/Chart';
import { chartData, upstreamChart } from './upstreamChart';
import { Read } from './useRead';

export const PERIODS = [
  { hours: 6, label: '6 hours' },
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
];

const periodLabel = (hours: number) => PERIODS.find((period) => period.hours === hours)?.label ?? `${hours} hours`;

/** What the fleet asked of Garmin over a period, how often Garmin refused (429) or failed, and the cooldowns that followed. */
export function UpstreamSection({ read, hours, onHours }: { read: Read<UpstreamSeries>; hours: number; onHours: (hours: number) => void }) {
  const series = read.data;
  const data = useMemo(() => (series ? chartData(series) : null), [series]);
  const totals = series?.totals;
  const quiet = totals && totals.requests + totals.throttled + totals.failed + totals.cooldownsStarted === 0;

  return (
    <section className="card stack" aria-labelledby="upstream-title">
      <div className="row wrap between">
        <h2 id="upstream-title">Garmin requests, 429s and cooldowns</h2>
        <label className="inline">
          Period
          <select value={hours} onChange={(event) => onHours(Number(event.target.value))}>
            {PERIODS.map((period) => (
              <option key={period.hours} value={period.hours}>
                Last {period.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ReadProblem read={read} what="Garmin's traffic" />
      {!series && !read.error && <p className="muted">Loading…</p>}
      {series && totals && (
        <>
          <Figures
            label={`Garmin traffic over the last ${periodLabel(series.hours)}`}
            figures={[
              { label: 'Requests', value: totals.requests },
              { label: '429s', value: totals.throttled, tone: 'warn' },
              { label: 'Failures', value: totals.failed, tone: 'danger' },
              { label: 'Cooldowns started', value: totals.cooldownsStarted, tone: 'warn' },
              { label: 'Cooling down now', value: series.coolingDown, tone: 'warn' },
            ]}
          />
          {quiet || !data ? (
            <p className="empty">No request to Garmin in the last {periodLabel(series.hours)}.</p>
          ) : (
            <figure className="chart-figure">
              <Chart
                build={upstreamChart}
                data={data}
                height={240}
                label={`Chart of the last ${periodLabel(series.hours)}: ${totals.requests} requests, ${totals.throttled} answered 429, ${totals.failed} failed, ${totals.cooldownsStarted} cooldowns started`}
              />
              <figcaption className="muted small">
                Per {series.bucketMinutes} minutes. Requests on the left axis; 429s, failures and cooldowns started on the right.
              </figcaption>
            </figure>
          )}
        </>
      )}
    </section>
  );
}
