import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export interface ArchiveUser {
  userId: string;
  /** A personal access token of the user (reads and exports). */
  token: string;
  /** The sha256 of the one file every activity holds (`activity_files.data`). */
  fileSha256: string;
}

export interface ArchiveUserSpec {
  /** Unique per database (users.garmin_profile_id). */
  profileId: number;
  activities: number;
  /** Size of each activity's file; random bytes, the worst case for the ZIP (nothing compresses). */
  fileKb: number;
  /** Days of each metric, ending today. */
  days?: number;
  metrics?: readonly string[];
}

/**
 * A user with a large archive written straight into the database (no Garmin, no sync): `activities` activities
 * with a file each, `days` days of each metric with an intraday series, and a personal access token. For what an
 * export does with many megabytes: its memory (the export benchmark) and a worker lost halfway (its tests).
 */
export async function seedArchiveUser(dataSource: DataSource, spec: ArchiveUserSpec): Promise<ArchiveUser> {
  // One transaction: a seeded user is there whole, or not at all.
  return dataSource.transaction((db) => seed(db, spec));
}

async function seed(db: EntityManager, spec: ArchiveUserSpec): Promise<ArchiveUser> {
  const file = randomBytes(spec.fileKb * 1024);
  const fileSha256 = createHash('sha256').update(file).digest('hex');
  const [{ id: userId }] = await db.query(`INSERT INTO users (garmin_profile_id, display_name) VALUES ($1, 'archive user') RETURNING id`, [spec.profileId]);
  await db.query(
    `INSERT INTO activities (user_id, activity_id, name, activity_type, start_time_utc, start_date_local, duration_s, distance_m, summary)
     SELECT $1, n, 'Run ' || n, 'running', now() - n * interval '1 hour', (now() - n * interval '1 hour')::date, 3600, 10000, jsonb_build_object('activityId', n, 'activityName', 'Run ' || n)
     FROM generate_series(1, $2) AS n`,
    [userId, spec.activities],
  );
  // Fresh statistics first: planned on a small table's, the foreign key's check of each file scans every activity.
  await db.query(`ANALYZE activities`);
  await db.query(
    `INSERT INTO activity_files (user_id, activity_id, file_format, data, sha256, size_bytes) SELECT $1, n, 'fit', $2, $3, $4 FROM generate_series(1, $5) AS n`,
    [userId, file, fileSha256, file.length, spec.activities],
  );
  if (spec.days && spec.metrics?.length) {
    await db.query(
      `INSERT INTO daily_health (user_id, calendar_date, metric, value, raw)
       SELECT $1, current_date - d, m, d, jsonb_build_object('calendarDate', (current_date - d)::text, 'values', (SELECT jsonb_agg(x) FROM generate_series(1, 96) AS x))
       FROM generate_series(0, $2 - 1) AS d, unnest($3::text[]) AS m`,
      [userId, spec.days, spec.metrics],
    );
  }
  const token = `fgs_pat_${randomBytes(32).toString('base64url').slice(0, 43)}`;
  await db.query(`INSERT INTO personal_access_tokens (user_id, name, token_hash) VALUES ($1, 'archive user', $2)`, [userId, createHash('sha256').update(token).digest('hex')]);
  return { userId, token, fileSha256 };
}
