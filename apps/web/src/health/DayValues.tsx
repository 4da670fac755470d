import type { HealthMetric } from '@fittrack/contracts';
import { dayHref } from './links';
import { CHARTED_METRICS } from './metrics';

/** The day's headline of each charted metric; each opens this day with that metric first. */
export function DayValues({ values, metric, date }: { values: Partial<Record<HealthMetric, number | null>>; metric: string; date: string }) {
  return (
    <ul className="day-values" aria-label="The day’s values">
      {CHARTED_METRICS.map((spec) => {
        const value = values[spec.metric];
        return (
          <li key={spec.metric}>
            <a href={dayHref(spec.metric, date)} aria-current={spec.metric === metric ? 'page' : undefined}>
              <span className="day-value-name">{spec.label}</span>
              <strong>{value === null || value === undefined ? '–' : spec.format(spec.convert(value))}</strong>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
