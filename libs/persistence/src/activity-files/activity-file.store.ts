import { EntityManager } from 'typeorm';

/** An activity of a user with its original file, as stored (activities + activity_files). */
export interface StoredActivityFile {
  activityId: number;
  name: string | null;
  activityType: string | null;
  /** What the original was (activity_files.file_format): `fit` for nearly every activity; `tcx`, `gpx`, `zip` or `bin` otherwise. */
  format: string;
  data: Buffer;
  sha256: string;
  sizeBytes: number;
}

/** What a user's activity id leads to: the file, an activity stored without one, or nothing of theirs. */
export type ActivityFileLookup = { found: 'file'; file: StoredActivityFile } | { found: 'activity_without_file'; activityId: number } | { found: 'no_activity' };

interface Row {
  activity_id: string;
  name: string | null;
  activity_type: string | null;
  file_format: string | null;
  data: Buffer | null;
  sha256: string | null;
  size_bytes: number | null;
}

/** The original files of activities (activity_files), always read within one user's rows. */
export class ActivityFileStore {
  async fileOf(manager: EntityManager, userId: string, activityId: number): Promise<ActivityFileLookup> {
    const [row]: Row[] = await manager.query(
      `SELECT a.activity_id, a.name, a.activity_type, f.file_format, f.data, f.sha256, f.size_bytes
         FROM activities a
         LEFT JOIN activity_files f ON f.user_id = a.user_id AND f.activity_id = a.activity_id
        WHERE a.user_id = $1 AND a.activity_id = $2`,
      [userId, activityId],
    );
    if (!row) return { found: 'no_activity' };
    if (row.data === null || row.file_format === null || row.sha256 === null) return { found: 'activity_without_file', activityId };
    return {
      found: 'file',
      file: {
        activityId: Number(row.activity_id),
        name: row.name,
        activityType: row.activity_type,
        format: row.file_format,
        data: row.data,
        sha256: row.sha256.trim(),
        sizeBytes: row.size_bytes ?? row.data.length,
      },
    };
  }
}
