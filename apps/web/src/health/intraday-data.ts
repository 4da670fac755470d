import { STAGES } from './sleep-data';

/**
 * One day's series out of the raw JSON of its metrics (GET /v1/health/:metric/:date), in the shapes Garmin
 * answers (the simulator's wellness-intraday, sleep-detail and day-series follow them). x values are seconds of the
 * Garmin day's own clock, written as if it were UTC: the charts draw in UTC, so 07:00 on the watch is 07:00 on the
 * axis whatever the browser's zone.
 */
export interface IntradaySeries {
  times: number[];
  /** One array per line, aligned with `times`; null is a gap (off the wrist, in an activity). */
  values: (number | null)[][];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const listAt = (raw: unknown, key: string): unknown[] => (isObject(raw) && Array.isArray(raw[key]) ? raw[key] : []);
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Garmin's instants: epoch milliseconds, or GMT text without a zone ("2026-12-01T23:12:00.0"). */
export function instantMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(/Z|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** How far a raw day's local clock is ahead of UTC, from its GMT and local bounds; null when it does not say. */
export function clockOffsetMs(raw: unknown): number | null {
  if (!isObject(raw)) return null;
  const dto = isObject(raw['dailySleepDTO']) ? raw['dailySleepDTO'] : {};
  const pairs = [
    [raw['startTimestampGMT'], raw['startTimestampLocal']],
    [dto['sleepStartTimestampGMT'], dto['sleepStartTimestampLocal']],
  ];
  for (const [gmt, local] of pairs) {
    const [utc, clock] = [instantMs(gmt), instantMs(local)];
    if (utc !== null && clock !== null) return clock - utc;
  }
  return null;
}

/** The day's offset from the first raw that says it, else the browser's own offset at that day's noon. */
export function dayOffsetMs(date: string, raws: unknown[]): number {
  for (const raw of raws) {
    const offset = clockOffsetMs(raw);
    if (offset !== null) return offset;
  }
  return -new Date(`${date}T12:00:00Z`).getTimezoneOffset() * 60_000;
}

const clockOf = (ms: number, offsetMs: number) => (ms + offsetMs) / 1000;

/** Rows of `[instant, …]` (Garmin's `…ValuesArray`s) as one line: `value` picks and cleans the reading. */
function rows(list: unknown[], offsetMs: number, value: (row: unknown[]) => number | null): IntradaySeries | null {
  const points: [number, number | null][] = [];
  for (const row of list) {
    const at = Array.isArray(row) ? instantMs(row[0]) : null;
    if (at !== null) points.push([clockOf(at, offsetMs), value(row as unknown[])]);
  }
  if (!points.some(([, v]) => v !== null)) return null;
  points.sort((a, b) => a[0] - b[0]);
  return { times: points.map(([t]) => t), values: [points.map(([, v]) => v)] };
}

/** `heartRateValues`: `[instant, bpm | null]` every two minutes. */
export const heartRateSeries = (raw: unknown, offsetMs: number) => rows(listAt(raw, 'heartRateValues'), offsetMs, (row) => numberOrNull(row[1]));

/** A stress level; Garmin's -1 (off the wrist) and -2 (in an activity) are no reading. */
const stressLevel = (row: unknown[]) => {
  const level = numberOrNull(row[1]);
  return level !== null && level >= 0 ? level : null;
};

/**
 * Stress (`stressValuesArray`, `[instant, level]`) and Body Battery (`bodyBatteryValuesArray`, `[instant, status,
 * level, version]`, the level null while off the wrist) on one clock: two lines over the union of their instants.
 */
export function stressBatterySeries(stressRaw: unknown, batteryRaw: unknown, offsetMs: number): IntradaySeries | null {
  const stress = rows(listAt(stressRaw, 'stressValuesArray'), offsetMs, stressLevel);
  const battery = rows(listAt(batteryRaw, 'bodyBatteryValuesArray'), offsetMs, (row) => numberOrNull(row[2]));
  if (!stress && !battery) return null;
  const times = [...new Set([...(stress?.times ?? []), ...(battery?.times ?? [])])].sort((a, b) => a - b);
  const at = (series: IntradaySeries | null) => {
    const byTime = new Map(series ? series.times.map((t, i) => [t, series.values[0][i]]) : []);
    return times.map((t) => byTime.get(t) ?? null);
  };
  return { times, values: [at(stress), at(battery)] };
}

/** `steps_intraday` is the 15-minute buckets themselves: `[{startGMT, steps, …}]`. */
export function stepsSeries(raw: unknown, offsetMs: number): IntradaySeries | null {
  const list = Array.isArray(raw) ? raw.filter(isObject) : [];
  return rows(
    list.map((bucket) => [bucket['startGMT'], bucket['steps']]),
    offsetMs,
    (row) => numberOrNull(row[1]),
  );
}

/** The sleep day's `hrvData`: `[{value, startGMT}]` every five minutes of the night. */
export function overnightHrvSeries(sleepRaw: unknown, offsetMs: number): IntradaySeries | null {
  return rows(
    listAt(sleepRaw, 'hrvData')
      .filter(isObject)
      .map((point) => [point['startGMT'], point['value']]),
    offsetMs,
    (row) => numberOrNull(row[1]),
  );
}

export interface StageSpan {
  /** 0 deep, 1 light, 2 REM, 3 awake: Garmin's `activityLevel` codes, the index into STAGES. */
  level: number;
  start: number;
  end: number;
}

export interface SleepTimeline extends IntradaySeries {
  spans: StageSpan[];
}

/**
 * `sleepLevels` (`[{startGMT, endGMT, activityLevel}]`) as one line per stage, each at its stage's height and
 * only during it: a span is drawn from its start to a second before its end, so a span and the next never join.
 */
export function sleepTimeline(sleepRaw: unknown, offsetMs: number): SleepTimeline | null {
  const spans: StageSpan[] = [];
  for (const entry of listAt(sleepRaw, 'sleepLevels').filter(isObject)) {
    const [start, end, level] = [instantMs(entry['startGMT']), instantMs(entry['endGMT']), numberOrNull(entry['activityLevel'])];
    if (start === null || end === null || level === null || end <= start || !STAGES[Math.round(level)]) continue;
    spans.push({ level: Math.round(level), start: clockOf(start, offsetMs), end: clockOf(end, offsetMs) });
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a.start - b.start);
  const times = spans.flatMap((span) => [span.start, Math.max(span.start, span.end - 1)]);
  const values = STAGES.map((_, level) => spans.flatMap((span) => (span.level === level ? [level, level] : [null, null])));
  return { times, values, spans };
}
