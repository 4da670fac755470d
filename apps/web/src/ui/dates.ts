/**
 * Dates as people read them, in one time zone for the whole app: the user's Garmin time zone (GET /v1/auth/me), or
 * the browser's until Garmin has told us one. Calendar dates (a health day) are never shifted: they are Garmin's own.
 */
let zone: string | undefined;

/** Sets the zone every formatter uses; one the browser does not know is ignored (the browser's own stays). */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  try {
    if (timeZone) new Intl.DateTimeFormat(undefined, { timeZone });
    zone = timeZone;
  } catch {
    zone = undefined;
  }
}

export const formatTime = (at: Date | string) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(at));

export const formatDateTime = (at: Date | string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(at));

/** A calendar date (YYYY-MM-DD) as a date, without moving it to another day. */
export const formatCalendarDate = (date: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/** Today as a calendar date in the app's zone. */
export const today = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
