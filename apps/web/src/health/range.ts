import { addDays, today } from '../ui/dates';

/** The spans the charts show, in days ending today. */
export const RANGES = [7, 30, 90, 365] as const;
export type RangeDays = (typeof RANGES)[number];
export const DEFAULT_RANGE: RangeDays = 30;

const isRange = (days: number): days is RangeDays => (RANGES as readonly number[]).includes(days);

/** The span a link or bookmark asks for in the hash's query (`#/health?days=90`), else the default. */
export function rangeFromHash(hash: string): RangeDays {
  const days = Number(new URLSearchParams(hash.split('?')[1] ?? '').get('days'));
  return isRange(days) ? days : DEFAULT_RANGE;
}

/**
 * Keeps the chosen span in the hash's query, so a reload or a bookmark comes back to it. `replaceState` fires no
 * `hashchange`: the app does not route again, and the back button skips range changes.
 */
export function keepRangeInHash(days: RangeDays): void {
  const [path] = window.location.hash.split('?');
  window.history.replaceState(window.history.state, '', `${path || '#/health'}?days=${days}`);
}

export interface DayBounds {
  from: string;
  to: string;
}

/** The calendar days of a span ending on `latest` (today by default), both ends included. */
export const rangeBounds = (days: RangeDays, latest = today()): DayBounds => ({ from: addDays(latest, -(days - 1)), to: latest });
