import { Injectable } from '@nestjs/common';
import { Workout } from '@fittrack/garmin';
import { UpsertSpec } from '@fittrack/persistence';
import { inPool } from './calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from './kind-syncer';
import { lastByKey } from './last-by-key';

const PAGE = 100;

const updatedAt = (w: Workout) => {
  const value = w['updateDate'] ?? w['updatedDate'];
  return typeof value === 'string' ? new Date(`${value.replace(' ', 'T').replace(/\.\d+$/, '')}Z`) : null;
};
const sportOf = (w: Workout) => {
  const sport = w['sportType'] as { sportTypeKey?: string } | undefined;
  return sport?.sportTypeKey ?? null;
};

const SUMMARY: UpsertSpec<{ userId: string; w: Workout }> = {
  table: 'workouts',
  columns: ['user_id', 'workout_id', 'name', 'sport_type', 'garmin_updated_at', 'summary'],
  key: ['user_id', 'workout_id'],
  update: ['name', 'sport_type', 'garmin_updated_at', 'summary'],
  casts: { summary: 'jsonb' },
  touch: true,
  values: ({ userId, w }) => [userId, w.workoutId, w.workoutName ?? null, sportOf(w), updatedAt(w), JSON.stringify(w)],
};

const DETAIL: UpsertSpec<{ userId: string; w: Workout; detail: unknown }> = {
  table: 'workouts',
  columns: ['user_id', 'workout_id', 'summary', 'detail'],
  key: ['user_id', 'workout_id'],
  update: ['detail'],
  casts: { summary: 'jsonb', detail: 'jsonb' },
  touch: true,
  values: ({ userId, w, detail }) => [userId, w.workoutId, JSON.stringify(w), JSON.stringify(detail)],
};

/** Workouts: the whole library list (a workout listed twice counts once, as its last listing), then the detail of every workout that is new or was updated at Garmin. */
@Injectable()
export class WorkoutsSyncer implements KindSyncer {
  readonly kind = 'workouts' as const;

  async plan(run: KindRun): Promise<KindPlan> {
    const { ctx, api } = run;
    const userId = ctx.userId;
    const pages: Workout[] = [];
    for (let start = 0; ; start += PAGE) {
      ctx.checkpoint();
      ctx.plan(this.kind, 1);
      const page = await api.workouts(start, PAGE);
      ctx.done(this.kind);
      pages.push(...page);
      if (page.length < PAGE) break;
    }
    const listed = lastByKey(pages, (w) => w.workoutId);
    const current = await this.upToDate(run, listed);
    const needed = listed.filter((w) => !current.has(w.workoutId));
    ctx.plan(this.kind, needed.length);

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      if (listed.length > 0) await run.upsert(SUMMARY, listed.map((w) => ({ userId, w })));
      await inPool(needed, run.concurrency, async (w) => {
        ctx.checkpoint();
        const detail = await api.workout(w.workoutId);
        ctx.done(this.kind);
        await run.upsert(DETAIL, [{ userId, w, detail: detail ?? {} }]);
      });
      return { syncedThrough: run.today };
    };
    return { fetch };
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
