/** A calendar month as Garmin's calendar-service names it: the year and the month counted from 0 (January). */
export interface CalendarMonth {
  year: number;
  month0: number;
}

const monthOf = (date: string): CalendarMonth => ({ year: Number(date.slice(0, 4)), month0: Number(date.slice(5, 7)) - 1 });
const next = ({ year, month0 }: CalendarMonth): CalendarMonth => (month0 === 11 ? { year: year + 1, month0: 0 } : { year, month0: month0 + 1 });
const index = ({ year, month0 }: CalendarMonth) => year * 12 + month0;

/** Every month from..to (dates, YYYY-MM-DD) touches, oldest first. */
export function monthsBetween(from: string, to: string): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  for (let month = monthOf(from); index(month) <= index(monthOf(to)); month = next(month)) months.push(month);
  return months;
}

/**
 * The months whose plans a sync reads: those of its window, and always today's and the next one, so the
 * workouts planned ahead arrive whatever the window (a backfill of last year included). Each once, oldest first.
 */
export function planningMonths(window: { from: string; to: string }, today: string): CalendarMonth[] {
  const ahead = [monthOf(today), next(monthOf(today))];
  const byIndex = new Map([...monthsBetween(window.from, window.to), ...ahead].map((m) => [index(m), m]));
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, month]) => month);
}
