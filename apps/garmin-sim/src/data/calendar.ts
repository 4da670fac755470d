const DAY_MS = 86_400_000;

/** Calendar dates are YYYY-MM-DD strings; arithmetic happens at UTC noon to stay clear of DST edges. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in a time zone. (Formatters are costly to build and sit on the hot path: cached.) */
export function todayIn(timeZone: string, nowMs: number): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(nowMs);
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(timeZone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(atMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(atMs / 60_000) * 60_000) / 60_000);
}

/** The UTC instant of a local wall-clock time in a zone. */
export function localToUtcMs(date: string, secondsOfDay: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + secondsOfDay * 1000;
  return naive - offsetMinutes(timeZone, naive) * 60_000;
}

/** "2026-01-08 08:10:21" (activity list) and "2026-01-08T08:10:21.0" (wellness) renderings. */
export const spaced = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
export const dotted = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}.0`;
