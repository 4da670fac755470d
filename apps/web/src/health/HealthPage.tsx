import { useEffect, useState } from 'react';
import { DayPage } from './DayPage';
import './health.css';
import { HealthOverview } from './HealthOverview';
import { MetricPage } from './MetricPage';
import { keepRangeInHash, RangeDays, rangeFromHash } from './range';

/**
 * The health pages: `#/health` (every chart), `#/health/<metric>` (one, larger) and `#/health/<metric>/<date>`
 * (that day in full). The span chosen lives here, so it stays while moving between them, and in the hash's query
 * (`?days=90`) for reloads and links.
 */
export function HealthPage({ metric, date }: { metric?: string; date?: string }) {
  const [range, setRange] = useState<RangeDays>(() => rangeFromHash(window.location.hash));

  useEffect(() => {
    const followLink = () => {
      if (window.location.hash.includes('days=')) setRange(rangeFromHash(window.location.hash));
    };
    window.addEventListener('hashchange', followLink);
    return () => window.removeEventListener('hashchange', followLink);
  }, []);

  const choose = (days: RangeDays) => {
    setRange(days);
    keepRangeInHash(days);
  };

  if (metric && date) return <DayPage metric={metric} date={date} />;
  if (metric) return <MetricPage metric={metric} range={range} onRange={choose} />;
  return <HealthOverview range={range} onRange={choose} />;
}
