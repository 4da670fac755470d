import { formatDuration } from './format';

/** Seconds of each stage of one night, from the sleep day's `dailySleepDTO`. */
export interface SleepStages {
  deep: number;
  light: number;
  rem: number;
  awake: number;
}

export type Stage = keyof SleepStages;

/** Bottom to top of the stack, as Garmin draws them. */
export const STAGES: { stage: Stage; label: string; colour: string }[] = [
  { stage: 'deep', label: 'Deep', colour: '--chart-deep' },
  { stage: 'light', label: 'Light', colour: '--chart-light' },
  { stage: 'rem', label: 'REM', colour: '--chart-rem' },
  { stage: 'awake', label: 'Awake', colour: '--chart-awake' },
];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const seconds = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A night's stages from a range read's `parts` (GET /v1/health/sleep); null when Garmin gave none. */
export function stagesFromParts(parts: Record<string, number | null> | undefined): SleepStages | null {
  return stagesOf(parts && { dailySleepDTO: { deepSleepSeconds: parts['deep'], lightSleepSeconds: parts['light'], remSleepSeconds: parts['rem'], awakeSleepSeconds: parts['awake'] } });
}

/** The night's stages from the sleep day's raw JSON; null when Garmin gave none (a device without stages). */
export function stagesOf(raw: unknown): SleepStages | null {
  const dto = isObject(raw) ? raw['dailySleepDTO'] : undefined;
  if (!isObject(dto)) return null;
  const [deep, light, rem] = [seconds(dto['deepSleepSeconds']), seconds(dto['lightSleepSeconds']), seconds(dto['remSleepSeconds'])];
  if (deep === null || light === null || rem === null) return null;
  return { deep, light, rem, awake: seconds(dto['awakeSleepSeconds']) ?? 0 };
}

/**
 * What the stacked sleep chart draws, in hours, one array per stage top first: each is its stage plus every
 * stage under it, so bars drawn in this order (later over earlier) show as one stack per night.
 */
export function stageStacks(nights: (SleepStages | null)[]): (number | null)[][] {
  return STAGES.map((_, top) =>
    nights.map((night) => (night ? STAGES.slice(0, STAGES.length - top).reduce((sum, { stage }) => sum + night[stage], 0) / 3600 : null)),
  );
}

/** "deep 1 h 26 min, light 4 h 10 min, REM 1 h 35 min, awake 12 min" */
export const describeStages = (stages: SleepStages) =>
  STAGES.map(({ stage, label }) => `${stage === 'rem' ? label : label.toLowerCase()} ${formatDuration(stages[stage])}`).join(', ');
