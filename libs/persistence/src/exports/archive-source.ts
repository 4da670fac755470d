import { ACTIVITY_PART_KINDS, HEALTH_METRICS, RECORD_KINDS } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/**
 * One part of a user's archive: the rows of one kind, read in keyset batches on a single key column (within
 * the user, and the filter), so reading a kind of any size holds one batch at a time.
 */
export interface ArchiveSection {
  /** Where its entries go in the ZIP, without extension (`health/sleep`), and its name in the counts. */
  entry: string;
  table: string;
  /** The select list, as the archive shows the rows (no internal column). */
  columns: string;
  /** The keyset column (unique within the user and the filter), and its SQL type. */
  key: string;
  keyType: 'bigint' | 'date' | 'text';
  filter?: { column: string; value: string };
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Every section of an archive, in the order the ZIP holds them; kinds come from the catalog, so new kinds need no code. */
export const ARCHIVE_SECTIONS: readonly ArchiveSection[] = [
  {
    entry: 'activities/activities',
    table: 'activities',
    key: 'activity_id',
    keyType: 'bigint',
    columns: `activity_id, name, activity_type, ${ISO('start_time_utc')} AS start_time_utc, start_date_local::text AS start_date_local,
      duration_s, distance_m, calories, average_hr, summary, detail, ${ISO('updated_at')} AS synced_at`,
  },
  ...ACTIVITY_PART_KINDS.map((part): ArchiveSection => ({
    entry: `activities/${part}`,
    table: 'activity_parts',
    key: 'activity_id',
    keyType: 'bigint',
    columns: `activity_id, raw, ${ISO('updated_at')} AS synced_at`,
    filter: { column: 'part', value: part },
  })),
  ...HEALTH_METRICS.map((metric): ArchiveSection => ({
    entry: `health/${metric}`,
    table: 'daily_health',
    key: 'calendar_date',
    keyType: 'date',
    columns: `calendar_date::text AS calendar_date, value, raw, ${ISO('updated_at')} AS synced_at`,
    filter: { column: 'metric', value: metric },
  })),
  ...RECORD_KINDS.map((kind): ArchiveSection => ({
    entry: `records/${kind}`,
    table: 'garmin_records',
    key: 'record_key',
    keyType: 'text',
    columns: `record_key, recorded_on::text AS recorded_on, value, raw, ${ISO('updated_at')} AS synced_at`,
    filter: { column: 'kind', value: kind },
  })),
  {
    entry: 'workouts/workouts',
    table: 'workouts',
    key: 'workout_id',
    keyType: 'bigint',
    columns: `workout_id, name, sport_type, ${ISO('garmin_updated_at')} AS garmin_updated_at, summary, detail, ${ISO('updated_at')} AS synced_at`,
  },
];

export interface ArchiveFile {
  activityId: number;
  format: string;
  data: Buffer;
}

/** What a user's archive is read from; every read is within the user's rows. */
export class ArchiveSourceStore {
  /** How many items (files and rows) the archive will hold, per section, and the activity files under `activity_files`. */
  async count(manager: EntityManager, userId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const [files] = await manager.query(`SELECT count(*)::int AS n FROM activity_files WHERE user_id = $1`, [userId]);
    counts['activity_files'] = files.n;
    const grouped: { table: string; kind: string | null; n: number }[] = await manager.query(
      `SELECT 'activities' AS table, NULL AS kind, count(*)::int AS n FROM activities WHERE user_id = $1
       UNION ALL SELECT 'workouts', NULL, count(*)::int FROM workouts WHERE user_id = $1
       UNION ALL SELECT 'activity_parts', part, count(*)::int FROM activity_parts WHERE user_id = $1 GROUP BY part
       UNION ALL SELECT 'daily_health', metric, count(*)::int FROM daily_health WHERE user_id = $1 GROUP BY metric
       UNION ALL SELECT 'garmin_records', kind, count(*)::int FROM garmin_records WHERE user_id = $1 GROUP BY kind`,
      [userId],
    );
    for (const section of ARCHIVE_SECTIONS) {
      const row = grouped.find((g) => g.table === section.table && g.kind === (section.filter?.value ?? null));
      if (row && row.n > 0) counts[section.entry] = row.n;
    }
    return counts;
  }

  /** A section's rows, `batch` at a time, in key order. */
  async *rows(manager: EntityManager, userId: string, section: ArchiveSection, batch = 500): AsyncGenerator<Record<string, unknown>[]> {
    let after: string | undefined;
    for (;;) {
      const params: unknown[] = [userId];
      const where = ['user_id = $1'];
      if (section.filter) where.push(`${section.filter.column} = $${params.push(section.filter.value)}`);
      if (after !== undefined) where.push(`${section.key} > $${params.push(after)}::${section.keyType}`);
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT ${section.key}::text AS "__key", ${section.columns} FROM ${section.table} WHERE ${where.join(' AND ')} ORDER BY ${section.key} LIMIT ${batch}`,
        params,
      );
      if (rows.length === 0) return;
      after = String(rows[rows.length - 1]['__key']);
      yield rows.map(({ __key, ...row }) => row);
      if (rows.length < batch) return;
    }
  }

  /** The original activity files, a few at a time (each is up to the worker's size limit). */
  async *files(manager: EntityManager, userId: string, batch = 2): AsyncGenerator<ArchiveFile> {
    let after = 0;
    for (;;) {
      const rows: { activity_id: string; file_format: string; data: Buffer }[] = await manager.query(
        `SELECT activity_id, file_format, data FROM activity_files WHERE user_id = $1 AND activity_id > $2 ORDER BY activity_id LIMIT ${batch}`,
        [userId, after],
      );
      for (const row of rows) yield { activityId: Number(row.activity_id), format: row.file_format, data: row.data };
      if (rows.length < batch) return;
      after = Number(rows[rows.length - 1].activity_id);
    }
  }
}
