import { useMemo } from 'react';
import { DayChooser } from './DayChooser';
import { MetricCard } from './MetricCard';
import { CHARTED_METRICS, DAILY_METRICS } from './metrics';
import { RangeDays, rangeBounds } from './range';
import { RangeSwitch } from './RangeSwitch';
import { SleepCard } from './SleepCard';
import { useRenderedMark } from './useRenderedMark';

const CARDS = CHARTED_METRICS.map((spec) => spec.metric);

/** Every chart over the chosen span: sleep and last night first, then a grid of the daily metrics. */
export function HealthOverview({ range, onRange }: { range: RangeDays; onRange: (days: RangeDays) => void }) {
  const bounds = useMemo(() => rangeBounds(range), [range]);
  const settled = useRenderedMark(CARDS, `${bounds.from} ${bounds.to}`);
  return (
    <main className="page stack health" aria-labelledby="health-title">
      <div className="row wrap between health-head">
        <h1 id="health-title">Health</h1>
        <RangeSwitch value={range} onChange={onRange} />
      </div>
      <SleepCard bounds={bounds} height={200} linked onSettled={settled} />
      <div className="health-grid">
        {DAILY_METRICS.map((spec) => (
          <MetricCard key={spec.metric} spec={spec} bounds={bounds} height={150} linked onSettled={settled} />
        ))}
      </div>
      <DayChooser metric="sleep" />
    </main>
  );
}
