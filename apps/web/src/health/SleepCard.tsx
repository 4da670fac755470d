import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatCalendarDate } from '../ui/dates';
import { CardState, ChartCard } from './ChartCard';
import { sleepChart } from './chart-options';
import { dailySeries, describeDaily, latestOf } from './daily-data';
import { formatDuration } from './format';
import { LastNight } from './LastNight';
import { dayHref, noDataYet } from './links';
import { SLEEP } from './metrics';
import { DayBounds } from './range';
import { loadSleepRange } from './sleep-load';
import { describeStages, SleepStages, stageStacks, STAGES } from './sleep-data';
import { useLoad } from './useLoad';

const hours = (value: number | null) => (value === null ? '–' : formatDuration(value * 3600));

/** Sleep per night, stacked by stage (the range read gives each night's stages), with the latest night as the headline. */
export function SleepCard({
  bounds,
  height,
  linked,
  onSettled,
}: {
  bounds: DayBounds;
  height: number;
  linked: boolean;
  onSettled: (id: string) => void;
}) {
  const { from, to } = bounds;
  const { state, retry } = useLoad(`sleep ${from} ${to}`, (signal) => loadSleepRange({ from, to }, signal));

  const shaped = useMemo(() => {
    if (state.status !== 'ready') return null;
    const series = dailySeries(state.value.days, { from, to }, SLEEP.convert);
    const nights = series.dates.map((date) => state.value.stages.get(date) ?? null);
    // Stacks only when every night has its stages: a night without would vanish from the chart.
    const stacked = series.values.every((value, i) => value === null || nights[i] !== null);
    const data: uPlot.AlignedData = stacked ? [series.times, ...stageStacks(nights)] : [series.times, series.values];
    return {
      series,
      nights,
      stacked,
      data,
      build: sleepChart(stacked ? nights : null),
    };
  }, [state, from, to]);

  const latest = shaped && latestOf(shaped.series);
  const latestStages = latest && shaped ? (shaped.nights[shaped.series.dates.indexOf(latest.date)] ?? null) : null;
  const stagesText = latestStages ? ` Latest night: ${describeStages(latestStages)}.` : '';

  let card: CardState;
  if (state.status !== 'ready') card = state.status === 'error' ? { ...state, retry } : state;
  else if (!shaped || !latest) card = { status: 'empty', say: noDataYet('sleep') };
  else {
    const { series, nights, stacked, data, build } = shaped;
    const label = `${describeDaily(SLEEP, series)}${stagesText}${stacked ? ' Each bar is stacked by stage, deep at the bottom, awake on top.' : ''}`;
    card = {
      status: 'ready',
      chart: {
        label,
        build,
        data,
        onPick: (index) => {
          window.location.hash = dayHref('sleep', series.dates[index]);
        },
      },
      table: {
        caption: 'Sleep per night',
        head: ['Night', 'Asleep', ...STAGES.map(({ label: stage }) => stage)],
        rows: () =>
          series.dates
            .map((date, i) => ({
              date,
              asleep: series.values[i],
              stages: nights[i],
            }))
            .filter((night) => night.asleep !== null)
            .reverse()
            .map(({ date, asleep, stages }) => ({
              key: date,
              cells: [<a href={dayHref('sleep', date)}>{formatCalendarDate(date)}</a>, hours(asleep), ...STAGES.map(({ stage }) => stageCell(stages, stage))],
            })),
      },
    };
  }

  return (
    <ChartCard
      id="sleep"
      className="sleep-card"
      title="Sleep"
      href={linked ? '#/health/sleep' : undefined}
      about={
        shaped && !shaped.stacked
            ? 'Time asleep each night (Garmin gave no stages for some nights).'
            : 'Time asleep each night by stage, with the time awake on top.'
      }
      headline={latest && <LastNight date={latest.date} asleepSeconds={latest.value * 3600} stages={latestStages} />}
      state={card}
      height={height}
      onSettled={onSettled}
    />
  );
}

const stageCell = (stages: SleepStages | null, stage: keyof SleepStages) => (stages ? formatDuration(stages[stage]) : '–');
