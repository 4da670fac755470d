/** How the health pages write durations, numbers and short calendar dates. */

/** Seconds as hours and minutes: "7 h 12 min", "45 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number with a fixed count of decimals, grouped the reader's way ("12,345", "71.4"). */
export function formatNumber(value: number, digits = 0): string {
  let format = numberFormats.get(digits);
  if (!format) numberFormats.set(digits, (format = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format.format(value);
}

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A calendar date as "2 Dec", never moved to another day (read at noon UTC, as ui/dates does). */
export const formatShortDate = (date: string) => shortDate.format(new Date(`${date}T12:00:00Z`));

const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date in full, "Wednesday, 2 December 2026", on the same day. */
export const formatLongDate = (date: string) => longDate.format(new Date(`${date}T12:00:00Z`));

/** Seconds of a day's clock (see intraday-data) as "07:45". */
export const formatClock = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 16);
