import type { HealthDayValue } from '@fittrack/contracts';
import { healthDayOrNone, metricDays } from '../api/health';
import type { DayBounds } from './range';
import { SleepStages, stagesOf } from './sleep-data';
import { mapLimited } from './useLoad';

/** Requests for nights' raw JSON at once: a few, so thirty nights load quickly without crowding out the other charts. */
const NIGHTS_AT_ONCE = 4;

export interface SleepRange {
  /** The headline (seconds asleep) of each stored night. */
  days: HealthDayValue[];
  /** The stages of every stored night, when they were asked for. */
  stages: Map<string, SleepStages | null>;
}

/**
 * A range of nights. The API has no way to get the stages of many nights at once: GET /v1/health/sleep gives the
 * headline only, the overview too, and the stages are in each night's raw JSON (GET /v1/health/sleep/:date, one
 * night per request, raw including its minute-by-minute series). So the stages of a short range (`staged`) are
 * asked night by night, a few at a time; a long range is the time asleep alone, and its latest night is asked
 * for on its own (loadNightStages), for the headline, without holding up the chart.
 */
export async function loadSleepRange({ from, to }: DayBounds, staged: boolean, signal: AbortSignal): Promise<SleepRange> {
  const { days } = await metricDays('sleep', from, to, signal);
  if (!staged) return { days, stages: new Map() };
  const nights = days.filter((day) => day.value !== null).map((day) => day.date);
  const raws = await mapLimited(nights, NIGHTS_AT_ONCE, (date) => healthDayOrNone('sleep', date, signal));
  return { days, stages: new Map(nights.map((date, i) => [date, stagesOf(raws[i]?.raw)])) };
}

/** One night's stages. */
export const loadNightStages = async (date: string, signal: AbortSignal) => stagesOf((await healthDayOrNone('sleep', date, signal))?.raw);
