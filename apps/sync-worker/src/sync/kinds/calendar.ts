import { ConnectApi, DailySummary } from '@fittrack/garmin';

const DAY_MS = 86_400_000;

/** Calendar dates are YYYY-MM-DD; arithmetic at UTC noon stays clear of DST edges. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Consecutive ranges of at most `size` days covering from..to. */
export function chunksOf(from: string, to: string, size: number): { from: string; to: string }[] {
  const chunks: { from: string; to: string }[] = [];
  for (let start = from; start <= to; start = addDays(start, size)) {
    const end = addDays(start, size - 1);
    chunks.push({ from: start, to: end < to ? end : to });
  }
  return chunks;
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/** Garmin's local timestamps ("2025-06-14T00:00:00.0") read as if UTC, to measure a zone's offset. */
const asUtcMs = (local: string) => Date.parse(`${local.replace(' ', 'T').replace(/\.\d+$/, '')}Z`);

/**
 * Today in the user's Garmin time zone, which decides what "a day" of health
 * data is, whatever the server's zone. Garmin tells it in the daily summary's
 * wellness window (local and GMT start); without data, UTC is the best guess.
 * The summary is handed back so the health sync need not ask for it again.
 */
export async function userToday(api: ConnectApi, nowMs = Date.now()): Promise<{ today: string; summaryOfToday?: DailySummary | null }> {
  const utcToday = new Date(nowMs).toISOString().slice(0, 10);
  const summary = await api.dailySummary(utcToday);
  const local = summary?.['wellnessStartTimeLocal'];
  const gmt = summary?.['wellnessStartTimeGmt'];
  if (typeof local !== 'string' || typeof gmt !== 'string') return { today: utcToday, summaryOfToday: summary };
  const today = new Date(nowMs + asUtcMs(local) - asUtcMs(gmt)).toISOString().slice(0, 10);
  return { today, summaryOfToday: today === utcToday ? summary : undefined };
}

/** Runs `work` over `items`, at most `concurrency` at a time; the first failure stops the rest. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failed ??= error;
      }
    }
  });
  await Promise.all(lanes);
  if (failed !== undefined) throw failed;
}
