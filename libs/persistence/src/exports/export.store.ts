import { CommandSubject, ExportRunCommand, ExportStatus } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/** An export as stored (data_exports), for views. */
export interface ExportRow {
  id: string;
  userId: string;
  status: ExportStatus;
  attempt: number;
  doneItems: number;
  totalItems: number | null;
  sizeBytes: number | null;
  counts: Record<string, number> | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  expiresAt: Date | null;
}

/** The attempt a worker is making: every write it does names it, and is refused once another attempt began. */
export interface ExportAttempt {
  exportId: string;
  userId: string;
  attempt: number;
}

const COLUMNS = `id, user_id AS "userId", status, attempt, done_items AS "doneItems", total_items AS "totalItems",
  size_bytes::float8 AS "sizeBytes", counts, error, created_at AS "createdAt", started_at AS "startedAt",
  completed_at AS "completedAt", expires_at AS "expiresAt"`;

/** Archive exports: their rows, their commands (through the outbox), and their ZIPs in chunks. */
export class ExportStore {
  /**
   * A new export and its command, in the caller's transaction; or the user's export already under way (one at a
   * time per user: a second request while one runs gets that one, `created: false`).
   */
  async create(manager: EntityManager, userId: string): Promise<{ row: ExportRow; created: boolean }> {
    // One at a time per user, also across gateway replicas: the user's row serialises the check and the insert.
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    const [running]: ExportRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 AND status IN ('pending', 'running') ORDER BY created_at LIMIT 1`,
      [userId],
    );
    if (running) return { row: running, created: false };
    const [row]: ExportRow[] = await manager.query(`INSERT INTO data_exports (user_id) VALUES ($1) RETURNING ${COLUMNS}`, [userId]);
    await this.enqueue(manager, row.id, userId, `export:${row.id}`);
    return { row, created: true };
  }

  async list(manager: EntityManager, userId: string, limit: number): Promise<ExportRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2`, [userId, limit]);
  }

  async one(manager: EntityManager, userId: string, exportId: string): Promise<ExportRow | null> {
    const [row]: ExportRow[] = await manager.query(`SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 AND id = $2`, [userId, exportId]);
    return row ?? null;
  }

  /**
   * A worker begins an attempt: the export is running under a new attempt number, its progress reset and the
   * chunks of earlier attempts removed. Null when there is nothing to do (finished, or deleted with its user).
   */
  async start(manager: EntityManager, exportId: string): Promise<ExportAttempt | null> {
    // An UPDATE answers [rows, count] through TypeORM's driver.
    const [[row]]: [{ userId: string; attempt: number }[], number] = await manager.query(
      `UPDATE data_exports SET status = 'running', attempt = attempt + 1, started_at = now(), updated_at = now(),
         done_items = 0, total_items = NULL, error = NULL
       WHERE id = $1 AND status IN ('pending', 'running') RETURNING user_id AS "userId", attempt`,
      [exportId],
    );
    if (!row) return null;
    await manager.query(`DELETE FROM data_export_chunks WHERE export_id = $1 AND attempt < $2`, [exportId, row.attempt]);
    return { exportId, userId: row.userId, attempt: row.attempt };
  }

  /** Appends a piece of the ZIP; false when the attempt is no longer the export's current one. */
  async appendChunk(manager: EntityManager, at: ExportAttempt, seq: number, data: Uint8Array): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO data_export_chunks (export_id, attempt, seq, user_id, data)
       SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM data_exports WHERE id = $1 AND attempt = $2 AND status = 'running') RETURNING seq`,
      [at.exportId, at.attempt, seq, at.userId, Buffer.from(data.buffer, data.byteOffset, data.byteLength)],
    );
    return inserted.length === 1;
  }

  /** Progress (and a sign of life for the reconciler); false when the attempt is no longer current. */
  async progress(manager: EntityManager, at: ExportAttempt, done: number, total: number): Promise<boolean> {
    const [, updated]: [unknown, number] = await manager.query(
      `UPDATE data_exports SET done_items = $3, total_items = $4, updated_at = now() WHERE id = $1 AND attempt = $2 AND status = 'running'`,
      [at.exportId, at.attempt, done, total],
    );
    return updated === 1;
  }

  async complete(manager: EntityManager, at: ExportAttempt, sizeBytes: number, counts: Record<string, number>, keepHours: number): Promise<boolean> {
    const [, updated]: [unknown, number] = await manager.query(
      `UPDATE data_exports SET status = 'completed', size_bytes = $3, counts = $4, done_items = COALESCE(total_items, done_items), completed_at = now(), updated_at = now(),
         expires_at = now() + make_interval(hours => $5::int)
       WHERE id = $1 AND attempt = $2 AND status = 'running'`,
      [at.exportId, at.attempt, sizeBytes, counts, keepHours],
    );
    if (updated === 1) await manager.query(`DELETE FROM data_export_chunks WHERE export_id = $1 AND attempt <> $2`, [at.exportId, at.attempt]);
    return updated === 1;
  }

  /** Ends the attempt failed, its chunks removed. */
  async fail(manager: EntityManager, at: ExportAttempt, error: string, keepHours: number): Promise<void> {
    const [, updated]: [unknown, number] = await manager.query(
      `UPDATE data_exports SET status = 'failed', error = $3, completed_at = now(), updated_at = now(), expires_at = now() + make_interval(hours => $4::int)
       WHERE id = $1 AND attempt = $2 AND status = 'running'`,
      [at.exportId, at.attempt, error.slice(0, 500), keepHours],
    );
    if (updated === 1) await manager.query(`DELETE FROM data_export_chunks WHERE export_id = $1`, [at.exportId]);
  }

  /** The completed ZIP's chunks, one at a time and in order (one chunk in memory, whatever the archive's size). */
  async *chunks(manager: EntityManager, row: Pick<ExportRow, 'id' | 'attempt'>): AsyncGenerator<Buffer> {
    let seq = -1;
    for (;;) {
      const [chunk]: { seq: number; data: Buffer }[] = await manager.query(
        `SELECT seq, data FROM data_export_chunks WHERE export_id = $1 AND attempt = $2 AND seq > $3 ORDER BY seq LIMIT 1`,
        [row.id, row.attempt, seq],
      );
      if (!chunk) return;
      seq = chunk.seq;
      yield chunk.data;
    }
  }

  /**
   * Exports pending or running but untouched this long have lost their command or their worker (a worker writes
   * progress every few seconds): their command is published again, and the next attempt starts over.
   */
  async redriveStale(manager: EntityManager, staleSeconds: number, limit: number): Promise<string[]> {
    const [stale]: [{ id: string; userId: string; attempt: number }[], number] = await manager.query(
      `UPDATE data_exports SET updated_at = now() WHERE id IN (
         SELECT id FROM data_exports WHERE status IN ('pending', 'running') AND updated_at < now() - make_interval(secs => $1::int)
         ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, user_id AS "userId", attempt`,
      [staleSeconds, limit],
    );
    for (const row of stale) await this.enqueue(manager, row.id, row.userId, `export:${row.id}:${row.attempt}:${Date.now()}`);
    return stale.map((row) => row.id);
  }

  /** Removes exports past their time (their chunks go with them); the number removed. */
  async removeExpired(manager: EntityManager, limit: number): Promise<number> {
    const [, removed]: [unknown, number] = await manager.query(
      `DELETE FROM data_exports WHERE id IN (SELECT id FROM data_exports WHERE expires_at < now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)`,
      [limit],
    );
    return removed;
  }

  private async enqueue(manager: EntityManager, exportId: string, userId: string, msgId: string): Promise<void> {
    const command: ExportRunCommand = { exportId, userId };
    await manager.query(`INSERT INTO outbox (subject, msg_id, payload) VALUES ($1, $2, $3)`, [CommandSubject.ExportRun, msgId, command]);
  }
}
