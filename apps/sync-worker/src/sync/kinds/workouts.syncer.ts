import { Injectable } from '@nestjs/common';
import { Workout } from '@fittrack/garmin';
import { DataEventSubject } from '@fittrack/contracts';
import { ChangeEventSpec, UpsertSpec } from '@fittrack/persistence';
import { WorkerConfig } from '../../config/worker.config';
import { addDays, inPool, maxDate } from './calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from './kind-syncer';
import { lastByKey } from './last-by-key';
import { planningMonths } from './planning/calendar-months';
import { scheduledWorkoutsIn, trainingPlans } from './planning/planning.sources';
import { RECORD_ROW, RecordRow } from './rows';

const PAGE = 100;

const updatedAt = (w: Workout) => {
  const value = w['updateDate'] ?? w['updatedDate'];
  return typeof value === 'string' ? new Date(`${value.replace(' ', 'T').replace(/\.\d+$/, '')}Z`) : null;
};
const sportOf = (w: Workout) => {
  const sport = w['sportType'] as { sportTypeKey?: string } | undefined;
  return sport?.sportTypeKey ?? null;
};

const SUMMARY_COLUMNS = ['name', 'sport_type', 'garmin_updated_at', 'summary'];
const summaryValues = (w: Workout) => [w.workoutName ?? null, sportOf(w), updatedAt(w), JSON.stringify(w)];
const WORKOUT_EVENTS: ChangeEventSpec = {
  subject: DataEventSubject.Workout,
  kind: { literal: 'workouts' },
  key: { workoutId: 'workout_id' },
  headline: { name: 'name', sportType: 'sport_type', garminUpdatedAt: 'garmin_updated_at' },
};

/** A workout's list entry (one whose detail is stored and current). */
const SUMMARY: UpsertSpec<{ userId: string; w: Workout }> = {
  table: 'workouts',
  columns: ['user_id', 'workout_id', ...SUMMARY_COLUMNS],
  key: ['user_id', 'workout_id'],
  update: SUMMARY_COLUMNS,
  casts: { summary: 'jsonb' },
  touch: true,
  events: WORKOUT_EVENTS,
  values: ({ userId, w }) => [userId, w.workoutId, ...summaryValues(w)],
};

/** A new or updated workout, entry and detail in one statement: one change, one version, one event. */
const WORKOUT: UpsertSpec<{ userId: string; w: Workout; detail: unknown }> = {
  table: 'workouts',
  columns: ['user_id', 'workout_id', ...SUMMARY_COLUMNS, 'detail'],
  key: ['user_id', 'workout_id'],
  update: [...SUMMARY_COLUMNS, 'detail'],
  casts: { summary: 'jsonb', detail: 'jsonb' },
  touch: true,
  events: WORKOUT_EVENTS,
  values: ({ userId, w, detail }) => [userId, w.workoutId, ...summaryValues(w), JSON.stringify(detail)],
};

/**
 * Workouts and the plans made of them: the whole library list (a workout listed twice counts once, as its
 * last listing), then the detail of every workout that is new or was updated at Garmin; the calendar's
 * scheduled workouts month by month (planning/); and the training plans. Each of the three only when selected.
 */
@Injectable()
export class WorkoutsSyncer implements KindSyncer {
  readonly kind = 'workouts' as const;

  constructor(private readonly config: WorkerConfig) {}

  async plan(run: KindRun): Promise<KindPlan> {
    const { ctx, api } = run;
    const userId = ctx.userId;
    const listed = run.selection.has('workouts') ? lastByKey(await this.listLibrary(run), (w) => w.workoutId) : [];
    const current = await this.upToDate(run, listed);
    const needed = listed.filter((w) => !current.has(w.workoutId));
    const months = run.selection.has('scheduled_workouts') ? planningMonths(this.window(run), run.today) : [];
    const plans = run.selection.has('training_plans');
    ctx.plan(this.kind, needed.length + months.length + (plans ? 1 : 0));

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      // A new or updated workout's entry is written with its detail, so one that stops half way is fetched again.
      const unchanged = listed.filter((w) => current.has(w.workoutId));
      if (unchanged.length > 0) await run.upsert(SUMMARY, unchanged.map((w) => ({ userId, w })));
      await inPool(needed, run.concurrency, async (w) => {
        ctx.checkpoint();
        const detail = await api.workout(w.workoutId);
        ctx.done(this.kind);
        await run.upsert(WORKOUT, [{ userId, w, detail: detail ?? {} }]);
      });
      await inPool(months, run.concurrency, async (month) => {
        await this.storeRecords(run, () => scheduledWorkoutsIn(api, month));
      });
      if (plans) await this.storeRecords(run, () => trainingPlans(api));
      return { syncedThrough: run.today };
    };
    return { fetch };
  }

  private async listLibrary(run: KindRun): Promise<Workout[]> {
    const pages: Workout[] = [];
    for (let start = 0; ; start += PAGE) {
      run.ctx.checkpoint();
      run.ctx.plan(this.kind, 1);
      const page = await run.api.workouts(start, PAGE);
      run.ctx.done(this.kind);
      pages.push(...page);
      if (page.length < PAGE) return pages;
    }
  }

  /** The days whose scheduled workouts a sync reads: the range asked, else since the last sync (at most the backfill). */
  private window(run: KindRun): { from: string; to: string } {
    if (run.range) return run.range;
    const backfill = addDays(run.today, -(this.config.SYNC_BACKFILL_DAYS - 1));
    const synced = run.cursor?.syncedThrough;
    return { from: synced ? maxDate(backfill, synced) : backfill, to: run.today };
  }

  /** One Garmin request of records (stop first if the job must, count it when done), then its rows. */
  private async storeRecords(run: KindRun, ask: () => Promise<RecordRow[]>): Promise<void> {
    run.ctx.checkpoint();
    const rows = await ask();
    run.ctx.done(this.kind);
    await run.upsert(RECORD_ROW(run.ctx.userId), rows);
  }

  /** Workouts stored with detail whose list entry is unchanged. */
  private async upToDate(run: KindRun, listed: Workout[]): Promise<Set<number>> {
    if (listed.length === 0) return new Set();
    const rows: { workout_id: string }[] = await run.manager.query(
      `SELECT w.workout_id FROM workouts w JOIN unnest($2::bigint[], $3::jsonb[]) AS n(id, summary) ON n.id = w.workout_id
        WHERE w.user_id = $1 AND w.detail IS NOT NULL AND w.summary = n.summary`,
      [run.ctx.userId, listed.map((w) => w.workoutId), listed.map((w) => JSON.stringify(w))],
    );
    return new Set(rows.map((r) => Number(r.workout_id)));
  }
}
