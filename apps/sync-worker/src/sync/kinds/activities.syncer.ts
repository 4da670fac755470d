import { Injectable, Logger } from '@nestjs/common';
import { ActivityPartKind } from '@fittrack/contracts';
import { ActivitySummary, extractFitFile, GarminError, GarminErrorCode } from '@fittrack/garmin';
import { WorkerConfig } from '../../config/worker.config';
import { PART_ROW, PartRow, partsFor } from './activities/activity-parts';
import { ACTIVITY, FILE, gmtToDate, SUMMARY } from './activities/activity-rows';
import { addDays, inPool } from './calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from './kind-syncer';
import { lastByKey } from './last-by-key';

const PAGE = 100;

/** The FIT file inside Garmin's ZIP (or the bytes as they are, if Garmin sent something else). */
export function originalFile(bytes: Buffer): { format: string; data: Buffer } {
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') return { format: bytes.subarray(8, 12).toString('latin1') === '.FIT' ? 'fit' : 'bin', data: bytes };
  // Within limits (entries, size, ratio, checksums): the archive is Garmin's answer, and answers are not trusted.
  const file = extractFitFile(new Uint8Array(bytes));
  return file ? { format: file.format, data: file.data } : { format: 'zip', data: bytes };
}

/** An original file we will not take (too large, an unsafe or unreadable archive): the same on every attempt. */
class RefusedFile extends Error {
  constructor(override readonly cause: GarminError) {
    super(cause.message);
  }
}

const isGarminError = (error: unknown, code: GarminErrorCode): error is GarminError => error instanceof GarminError && error.code === code;

/**
 * Activities: the list (by date range for a backfill, newest first for an
 * incremental sync, down to a re-read window so edits arrive), then detail,
 * original file and the selected parts (activities/activity-parts) of every
 * activity that is new, whose list entry changed, or that lacks a selected part;
 * an activity's rows are written together, in one fenced transaction.
 * An activity listed twice (pages shifted while we listed) counts once, as its last listing.
 */
@Injectable()
export class ActivitiesSyncer implements KindSyncer {
  readonly kind = 'activities' as const;

  private readonly logger = new Logger(ActivitiesSyncer.name);

  constructor(private readonly config: WorkerConfig) {}

  /**
   * The activity's original file, or none when Garmin's answer is one we refuse: that would be the same on
   * every attempt, so the activity is stored without its file (and said so in the log) instead of failing
   * the sync.
   */
  private async fileOf(api: KindRun['api'], activityId: number, userId: string): Promise<{ format: string; data: Buffer } | null> {
    try {
      const bytes = await api.activityFile(activityId).catch((error: unknown) => {
        throw isGarminError(error, GarminErrorCode.ResponseTooLarge) ? new RefusedFile(error) : error;
      });
      if (!bytes) return null;
      try {
        return originalFile(bytes);
      } catch (error) {
        throw error instanceof GarminError ? new RefusedFile(error) : error;
      }
    } catch (error) {
      if (!(error instanceof RefusedFile)) throw error;
      this.logger.warn(`activity ${activityId} of user ${userId} is stored without its original file: ${error.cause.code} ${error.cause.message}`);
      return null;
    }
  }

  async plan(run: KindRun): Promise<KindPlan> {
    const { ctx, api } = run;
    const userId = ctx.userId;
    // The parts belong to an activity row: without activities selected there is nothing to sync here.
    if (!run.selection.has('activities')) return { fetch: async () => undefined };
    const pages = run.range || !run.cursor?.newestItemAt ? await this.listRange(run) : await this.listRecent(run);
    const listed = lastByKey(pages, (a) => a.activityId);
    const complete = await this.alreadyComplete(run, listed);
    const needed = listed.filter((a) => !complete.has(a.activityId));
    // A detail, a file, and one request per part that is not read from the list entry.
    ctx.plan(this.kind, needed.reduce((n, a) => n + 2 + partsFor(run.selection, a).reduce((r, part) => r + part.requests, 0), 0));

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      // Unchanged entries only: a new or edited activity's entry is written with its detail (below), so an
      // attempt that stops half way leaves it looking unfetched, and the next attempt fetches it again.
      const unchanged = listed.filter((a) => complete.has(a.activityId));
      if (unchanged.length > 0) await run.upsert(SUMMARY, unchanged.map((a) => ({ userId, a })));
      await inPool(needed, run.concurrency, async (a) => {
        ctx.checkpoint();
        const detail = await api.activity(a.activityId);
        ctx.done(this.kind);
        ctx.checkpoint();
        const file = await this.fileOf(api, a.activityId, userId);
        ctx.done(this.kind);
        const asked: ActivityPartKind[] = [];
        const parts: PartRow[] = [];
        for (const part of partsFor(run.selection, a)) {
          if (part.requests > 0) ctx.checkpoint();
          const raw = await part.fetch(api, a);
          if (part.requests > 0) ctx.done(this.kind, part.requests);
          asked.push(part.kind);
          if (raw !== null && raw !== undefined) parts.push({ activityId: a.activityId, part: part.kind, raw });
        }
        await run.together(async (upsert) => {
          await upsert(ACTIVITY, [{ userId, a, detail: detail ?? {}, partsAsked: asked }]);
          if (file) await upsert(FILE, [{ userId, activityId: a.activityId, ...file }]);
          await upsert(PART_ROW(userId), parts);
        });
      });
      if (run.range) return undefined;
      const newest = listed.map((a) => gmtToDate(a.startTimeGMT)).reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), run.cursor?.newestItemAt ?? null);
      return { newestItemAt: newest };
    };
    return { fetch };
  }

  /** A backfill or a requested range: every page of the range. */
  private async listRange(run: KindRun): Promise<ActivitySummary[]> {
    const from = run.range?.from ?? addDays(run.today, -(this.config.SYNC_BACKFILL_DAYS - 1));
    const to = run.range?.to ?? run.today;
    const all: ActivitySummary[] = [];
    for (let start = 0; ; start += PAGE) {
      run.ctx.checkpoint();
      run.ctx.plan(this.kind, 1);
      const page = await run.api.activities(start, PAGE, { from, to });
      run.ctx.done(this.kind);
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }

  /** Incremental: newest first until past the re-read window before the newest activity already stored. */
  private async listRecent(run: KindRun): Promise<ActivitySummary[]> {
    const horizon = (run.cursor?.newestItemAt?.getTime() ?? 0) - this.config.SYNC_ACTIVITY_REREAD_DAYS * 86_400_000;
    const all: ActivitySummary[] = [];
    for (let start = 0; ; start += PAGE) {
      run.ctx.checkpoint();
      run.ctx.plan(this.kind, 1);
      const page = await run.api.activities(start, PAGE);
      run.ctx.done(this.kind);
      const fresh = page.filter((a) => (gmtToDate(a.startTimeGMT)?.getTime() ?? 0) >= horizon);
      all.push(...fresh);
      if (page.length < PAGE || fresh.length < page.length) return all;
    }
  }

  /**
   * Activities with nothing to fetch: stored with their detail and file, their list entry unchanged, and every
   * part this job selects for them asked when that detail was stored (`parts_asked`; a part with no data has no
   * row). Compared before any new list entry is written, so an edit means fetching again.
   */
  private async alreadyComplete(run: KindRun, listed: ActivitySummary[]): Promise<Set<number>> {
    if (listed.length === 0) return new Set();
    const rows: { activity_id: string; parts_asked: string[] | null }[] = await run.manager.query(
      `SELECT a.activity_id, a.parts_asked FROM activities a
         JOIN unnest($2::bigint[], $3::jsonb[]) AS n(id, summary) ON n.id = a.activity_id
         JOIN activity_files f ON f.user_id = a.user_id AND f.activity_id = a.activity_id
        WHERE a.user_id = $1 AND a.detail IS NOT NULL AND a.summary = n.summary`,
      [run.ctx.userId, listed.map((a) => a.activityId), listed.map((a) => JSON.stringify(a))],
    );
    const asked = new Map(rows.map((r) => [Number(r.activity_id), new Set(r.parts_asked ?? [])]));
    return new Set(
      listed.filter((a) => asked.has(a.activityId) && partsFor(run.selection, a).every((part) => asked.get(a.activityId)?.has(part.kind))).map((a) => a.activityId),
    );
  }
}
