import { useMemo } from 'react';
import { DayChooser } from './DayChooser';
import { MetricCard } from './MetricCard';
import { CHARTED_METRICS, specOf } from './metrics';
import { RangeDays, rangeBounds } from './range';
import { RangeSwitch } from './RangeSwitch';
import { SleepCard } from './SleepCard';
import { useRenderedMark } from './useRenderedMark';

/** One metric, larger, with the same range switch and a way to open any of its days. */
export function MetricPage({ metric, range, onRange }: { metric: string; range: RangeDays; onRange: (days: RangeDays) => void }) {
  const spec = specOf(metric);
  const bounds = useMemo(() => rangeBounds(range), [range]);
  const settled = useRenderedMark([metric], `${metric} ${bounds.from} ${bounds.to}`);
  if (!spec) return <UnknownMetric metric={metric} />;
  return (
    <main className="page stack health" aria-labelledby="health-title">
      <a href="#/health">← All health charts</a>
      <div className="row wrap between health-head">
        <h1 id="health-title">{spec.label}</h1>
        <RangeSwitch value={range} onChange={onRange} />
      </div>
      {spec.metric === 'sleep' ? (
        <SleepCard bounds={bounds} height={320} linked={false} onSettled={settled} />
      ) : (
        <MetricCard spec={spec} bounds={bounds} height={320} linked={false} onSettled={settled} />
      )}
      <DayChooser metric={spec.metric} />
    </main>
  );
}

export function UnknownMetric({ metric }: { metric: string }) {
  return (
    <main className="page stack health">
      <h1>No such health chart</h1>
      <p>
        There is no chart of <code>{metric}</code>. The charts are:{' '}
        {CHARTED_METRICS.map((spec, i) => (
          <span key={spec.metric}>
            {i > 0 && ', '}
            <a href={`#/health/${spec.metric}`}>{spec.label}</a>
          </span>
        ))}
        .
      </p>
    </main>
  );
}
