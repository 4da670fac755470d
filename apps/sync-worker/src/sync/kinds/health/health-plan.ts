import { addDays, chunksOf, eachDay } from '../calendar';
import { DailySource } from './daily-source';

/** One Garmin request of a health job: a source over from..to (from = to for a per-day source). */
export interface Ask {
  source: DailySource;
  from: string;
  to: string;
}

export interface DayRange {
  from: string;
  to: string;
}

/** What a probe covered: its answer stands for those days, so they are not asked again. */
export interface Covered extends DayRange {
  source: DailySource;
}

/**
 * A per-day kind is there on some days and not others even on a device that produces it (a day off the
 * wrist, a day without stress readings), so a per-day probe looks back this many days before it calls a
 * kind absent; it stops at the first day with data, so a kind the device produces costs one request.
 */
export const PROBE_DAYS = 3;

/** The requests that decide whether a source's kinds come from the user's devices: the latest complete days (newest first), or chunk. */
export function probesOf(source: DailySource, today: string): DayRange[] {
  if (source.span.per === 'day') {
    return Array.from({ length: PROBE_DAYS }, (_, i) => ({ from: addDays(today, -1 - i), to: addDays(today, -1 - i) }));
  }
  return [{ from: addDays(today, -(source.span.maxDays - 1)), to: today }];
}

/** The days of `range` outside `cut`, as at most two ranges. */
export function without(range: DayRange, cut: DayRange | undefined): DayRange[] {
  if (!cut || cut.to < range.from || cut.from > range.to) return [range];
  const parts: DayRange[] = [];
  if (range.from < cut.from) parts.push({ from: range.from, to: addDays(cut.from, -1) });
  if (range.to > cut.to) parts.push({ from: addDays(cut.to, 1), to: range.to });
  return parts;
}

export interface WindowPlan {
  /** The requests, chunk by chunk (each chunk is stored in one write). */
  chunks: { chunk: DayRange; asks: Ask[] }[];
  /** Days of the window Garmin has archived, for the intraday sources: to be reloaded, not asked. */
  archivedDays: string[];
}

/**
 * The window's requests: every source over every chunk (a range source once per chunk, a per-day source
 * once per day), less what a probe already covered, and less the archived days (before `archiveFrom`) of
 * the intraday sources, which are listed instead.
 */
export function planWindow(window: DayRange, chunkDays: number, sources: readonly DailySource[], covered: readonly Covered[], archiveFrom: string): WindowPlan {
  const coverOf = (source: DailySource) => covered.find((c) => c.source === source);
  const archived = new Set<string>();
  const chunks = chunksOf(window.from, window.to, chunkDays).map((chunk) => {
    const asks: Ask[] = [];
    for (const source of sources) {
      const live = source.intraday ? { from: chunk.from < archiveFrom ? archiveFrom : chunk.from, to: chunk.to } : chunk;
      if (source.intraday) for (const day of eachDay(chunk.from, chunk.to < archiveFrom ? chunk.to : addDays(archiveFrom, -1))) archived.add(day);
      if (live.from > live.to) continue;
      for (const part of without(live, coverOf(source))) {
        if (source.span.per === 'range') asks.push({ source, ...part });
        else for (const day of eachDay(part.from, part.to)) asks.push({ source, from: day, to: day });
      }
    }
    return { chunk, asks };
  });
  return { chunks, archivedDays: [...archived].sort() };
}
