const DAY_MS = 86_400_000;
/** The range `health` shows when no dates are given: 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

export interface DayRange {
  from: string;
  to: string;
}

/**
 * The days to show: `to` defaults to today where the CLI runs (the person's own calendar day, not UTC's, which
 * is tomorrow or yesterday for part of the day in most zones), `from` to the 29 days before `to`.
 * `timeZone` (IANA) is the machine's unless given.
 */
export function dayRangeOf(from: string | undefined, to: string | undefined, now = new Date(), timeZone?: string): DayRange {
  const end = to ?? localDay(now, timeZone);
  return { from: from ?? isoDay(Date.parse(end) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS), to: end };
}

/** Every calendar day from `from` to `to`, both included (YYYY-MM-DD). */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let t = Date.parse(range.from); t <= Date.parse(range.to); t += DAY_MS) days.push(isoDay(t));
  return days;
}

function localDay(now: Date, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
