import { formatDateTime } from '../ui/dates';

/** When an activity started, as the watch's clock showed it, and a note when that is not the time zone the app shows. */
export interface LocalStart {
  text: string;
  note: string | null;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;
const asWallClock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * Garmin's `startTimeLocal` ("2026-01-08 08:10:21", no zone) is the activity's own local time, the one its owner
 * remembers, even on a trip abroad. Shown as it is; its offset (against the UTC start) is added when it differs
 * from the app's time zone, and when Garmin gave no local time the app's zone is used and the text says so.
 */
export function localStart(startTimeLocal: unknown, startTime: string | null | undefined, zoneName?: string | null): LocalStart | null {
  const wall = typeof startTimeLocal === 'string' ? WALL_CLOCK.exec(startTimeLocal) : null;
  if (!wall) return startTime ? { text: formatDateTime(startTime), note: 'in your time zone; Garmin gave no local time' } : null;
  const [year, month, day, hour, minute, second] = wall.slice(1).map((part) => Number(part ?? 0));
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const text = asWallClock.format(wallMs);
  if (!startTime) return { text, note: 'local time' };
  if (formatDateTime(startTime) === text) return { text, note: null };
  const offsetMinutes = Math.round((wallMs - Date.parse(startTime)) / 900_000) * 15;
  return { text, note: `local time, ${zoneName || utcOffset(offsetMinutes)}` };
}

/** UTC+02:00, UTC−05:30 (a real minus sign). */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
