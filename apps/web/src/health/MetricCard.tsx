import { useMemo } from 'react';
import type uPlot from 'uplot';
import { metricDays } from '../api/health';
import { formatCalendarDate } from '../ui/dates';
import { CardState, ChartCard } from './ChartCard';
import { dailyChart } from './chart-options';
import { dailySeries, describeDaily, latestOf } from './daily-data';
import { formatShortDate } from './format';
import { dayHref, noDataYet } from './links';
import type { MetricSpec } from './metrics';
import type { DayBounds } from './range';
import { useLoad } from './useLoad';

/** One metric over the range: a chart of its headline per day; a click on a day opens that day. */
export function MetricCard({
  spec,
  bounds,
  height,
  linked,
  onSettled,
}: {
  spec: MetricSpec;
  bounds: DayBounds;
  height: number;
  linked: boolean;
  onSettled: (id: string) => void;
}) {
  const { from, to } = bounds;
  const { state, retry } = useLoad(`${spec.metric} ${from} ${to}`, (signal) => metricDays(spec.metric, from, to, signal));
  const series = useMemo(() => (state.status === 'ready' ? dailySeries(state.value.days, { from, to }, spec.convert) : null), [state, from, to, spec]);
  const data = useMemo<uPlot.AlignedData | null>(() => series && [series.times, series.values], [series]);
  const build = useMemo(() => dailyChart(spec), [spec]);
  const latest = series && latestOf(series);

  let card: CardState;
  if (state.status !== 'ready') card = state.status === 'error' ? { ...state, retry } : state;
  else if (!series || !data || !latest) card = { status: 'empty', say: noDataYet(spec.label) };
  else
    card = {
      status: 'ready',
      chart: {
        label: describeDaily(spec, series),
        build,
        data,
        onPick: (index) => {
          window.location.hash = dayHref(spec.metric, series.dates[index]);
        },
      },
      table: {
        caption: `${spec.label} per day`,
        head: ['Day', spec.label],
        rows: () =>
          series.dates
            .map((date, i) => ({ date, value: series.values[i] }))
            .filter((day): day is { date: string; value: number } => day.value !== null)
            .reverse()
            .map(({ date, value }) => ({ key: date, cells: [<a href={dayHref(spec.metric, date)}>{formatCalendarDate(date)}</a>, spec.format(value)] })),
      },
    };

  return (
    <ChartCard
      id={spec.metric}
      title={spec.label}
      href={linked ? `#/health/${spec.metric}` : undefined}
      about={spec.about}
      aside={
        latest && (
          <p className="chart-latest">
            <strong>{spec.format(latest.value)}</strong> <span className="muted">on {formatShortDate(latest.date)}</span>
          </p>
        )
      }
      state={card}
      height={height}
      onSettled={onSettled}
    />
  );
}
