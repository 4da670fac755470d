import { metricDays } from '../api/health';
import type { HealthDayValue } from '@fittrack/contracts';
import type { DayBounds } from './range';
import { SleepStages, stagesFromParts } from './sleep-data';

export interface SleepRange {
  /** The headline (seconds asleep) of each stored night. */
  days: HealthDayValue[];
  /** The stages of every stored night (null for a night Garmin gave none). */
  stages: Map<string, SleepStages | null>;
}

/** A range of nights, with their stages: GET /v1/health/sleep gives each night's beside its headline (`parts`). */
export async function loadSleepRange({ from, to }: DayBounds, signal: AbortSignal): Promise<SleepRange> {
  const { days } = await metricDays('sleep', from, to, signal);
  return { days, stages: new Map(days.map((day) => [day.date, stagesFromParts(day.parts)])) };
}
