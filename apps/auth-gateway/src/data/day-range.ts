import { DATA_READ_LIMITS } from '@fittrack/contracts';
import { DataReadError } from './data-read.errors';

const DAY_MS = 86_400_000;
/** The earliest time zone (Kiribati, UTC+14): its today is the latest day anyone has reached. */
const LATEST_ZONE_MS = 14 * 3_600_000;

export interface DayRange {
  from: string;
  to: string;
}

/**
 * A range of calendar days from a request: `to` defaults to the latest today of any time zone (so each user's
 * own today is in), `from` to the 29 days before `to`; a reversed range or one longer than `maxDays` is a 400.
 */
export function dayRange(request: { from?: string; to?: string }, maxDays: number, now = new Date()): DayRange {
  const to = request.to ?? isoDay(now.getTime() + LATEST_ZONE_MS);
  const from = request.from ?? isoDay(Date.parse(to) - (DATA_READ_LIMITS.rangeDefaultDays - 1) * DAY_MS);
  checkOrder(from, to);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > maxDays) throw DataReadError.rangeTooLong(from, to, days, maxDays);
  return { from, to };
}

/** Bounds that are both optional (a list's filter): only their order is checked. */
export function checkOrder(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) throw DataReadError.rangeReversed(from, to);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
