import { EntityManager } from 'typeorm';

export interface WorkoutReadRow {
  workoutId: number;
  name: string | null;
  sportType: string | null;
  garminUpdatedAt: Date | null;
  summary?: Record<string, unknown>;
  detail?: Record<string, unknown> | null;
  updatedAt?: Date;
}

const COLUMNS = `workout_id::text AS "workoutId", name, sport_type AS "sportType", garmin_updated_at AS "garminUpdatedAt"`;

/** The stored workouts of a user, read for the API: a keyset walk on the primary key, newest id first. */
export class WorkoutReadStore {
  async list(manager: EntityManager, userId: string, limit: number, afterId?: number): Promise<WorkoutReadRow[]> {
    const rows: WorkoutReadRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM workouts WHERE user_id = $1 ${afterId === undefined ? '' : 'AND workout_id < $3'}
       ORDER BY workout_id DESC LIMIT $2`,
      afterId === undefined ? [userId, limit] : [userId, limit, afterId],
    );
    return rows.map((row) => ({ ...row, workoutId: Number(row.workoutId) }));
  }

  async one(manager: EntityManager, userId: string, workoutId: number): Promise<WorkoutReadRow | null> {
    const [row]: WorkoutReadRow[] = await manager.query(
      `SELECT ${COLUMNS}, summary, detail, updated_at AS "updatedAt" FROM workouts WHERE user_id = $1 AND workout_id = $2`,
      [userId, workoutId],
    );
    return row ? { ...row, workoutId: Number(row.workoutId) } : null;
  }
}
