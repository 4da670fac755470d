import { Injectable, Logger } from '@nestjs/common';
import { ActivitySummary, extractFitFile, GarminError, GarminErrorCode } from '@fittrack/garmin';
import { UpsertSpec } from '@fittrack/persistence';
import { createHash } from 'node:crypto';
import { WorkerConfig } from '../../config/worker.config';
import { addDays, inPool } from './calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from './kind-syncer';
import { lastByKey } from './last-by-key';

const PAGE = 100;
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const gmtToDate = (gmt: string | undefined) => (gmt ? new Date(`${gmt.replace(' ', 'T')}Z`) : null);

const SUMMARY: UpsertSpec<{ userId: string; a: ActivitySummary }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', 'name', 'activity_type', 'start_time_utc', 'start_date_local', 'duration_s', 'distance_m', 'calories', 'average_hr', 'summary'],
  key: ['user_id', 'activity_id'],
  update: ['name', 'activity_type', 'start_time_utc', 'start_date_local', 'duration_s', 'distance_m', 'calories', 'average_hr', 'summary'],
  casts: { summary: 'jsonb' },
  touch: true,
  values: ({ userId, a }) => [
    userId,
    a.activityId,
    a.activityName ?? null,
    a.activityType?.typeKey ?? null,
    gmtToDate(a.startTimeGMT),
    a.startTimeLocal?.slice(0, 10) ?? null,
    num(a.duration),
    num(a.distance),
    num(a['calories']),
    num(a['averageHR']),
    JSON.stringify(a),
  ],
};

const DETAIL: UpsertSpec<{ userId: string; a: ActivitySummary; detail: unknown }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', 'summary', 'detail'],
  key: ['user_id', 'activity_id'],
  update: ['detail'],
  casts: { summary: 'jsonb', detail: 'jsonb' },
  touch: true,
  values: ({ userId, a, detail }) => [userId, a.activityId, JSON.stringify(a), JSON.stringify(detail)],
};

const FILE: UpsertSpec<{ userId: string; activityId: number; format: string; data: Buffer }> = {
  table: 'activity_files',
  columns: ['user_id', 'activity_id', 'file_format', 'data', 'sha256', 'size_bytes'],
  key: ['user_id', 'activity_id'],
  update: ['file_format', 'data', 'sha256', 'size_bytes'],
  values: (f) => [f.userId, f.activityId, f.format, f.data, createHash('sha256').update(f.data).digest('hex'), f.data.length],
};

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
 * incremental sync, down to a re-read window so edits arrive), then detail and
 * original file for every activity that is new or whose list entry changed.
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
    const pages = run.range || !run.cursor?.newestItemAt ? await this.listRange(run) : await this.listRecent(run);
    const listed = lastByKey(pages, (a) => a.activityId);
    // Compared before the new list entries are written: a changed entry (an edit) means fetching again.
    const complete = await this.alreadyComplete(run, listed);
    const needed = listed.filter((a) => !complete.has(a.activityId));
    ctx.plan(this.kind, needed.length * 2);

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      if (listed.length > 0) await run.upsert(SUMMARY, listed.map((a) => ({ userId, a })));
      await inPool(needed, run.concurrency, async (a) => {
        ctx.checkpoint();
        const detail = await api.activity(a.activityId);
        ctx.done(this.kind);
        ctx.checkpoint();
        const file = await this.fileOf(api, a.activityId, userId);
        ctx.done(this.kind);
        await run.together(async (upsert) => {
          await upsert(DETAIL, [{ userId, a, detail: detail ?? {} }]);
          if (file) await upsert(FILE, [{ userId, activityId: a.activityId, ...file }]);
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

  /** Activities stored with their detail and file whose list entry has not changed: nothing to fetch. */
  private async alreadyComplete(run: KindRun, listed: ActivitySummary[]): Promise<Set<number>> {
    if (listed.length === 0) return new Set();
    const rows: { activity_id: string }[] = await run.manager.query(
      `SELECT a.activity_id FROM activities a
         JOIN unnest($2::bigint[], $3::jsonb[]) AS n(id, summary) ON n.id = a.activity_id
         JOIN activity_files f ON f.user_id = a.user_id AND f.activity_id = a.activity_id
        WHERE a.user_id = $1 AND a.detail IS NOT NULL AND a.summary = n.summary`,
      [run.ctx.userId, listed.map((a) => a.activityId), listed.map((a) => JSON.stringify(a))],
    );
    return new Set(rows.map((r) => Number(r.activity_id)));
  }
}
