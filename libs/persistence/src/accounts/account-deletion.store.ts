import { EventSubject, UserDeletedEvent } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/** Rows removed per table, by table name; every table with rows of the user is named, with 0 where it had none. */
export type RemovedRows = Record<string, number>;

/**
 * The user's tables, children before parents, each deleted by its own statement so the answer can count it
 * (ON DELETE CASCADE would remove the same rows, silently). `sync_leases` comes first: deleting it waits for a
 * worker's fenced write in progress (held FOR SHARE) and fences every later one out, before any data goes.
 */
const USER_TABLES = [
  'sync_leases',
  'activity_files',
  'activity_parts',
  'activities',
  'daily_health',
  'garmin_records',
  'workouts',
  'data_export_chunks',
  'data_exports',
  'sync_cursors',
  'kind_availability',
  'archive_reload_days',
  'archive_reloads',
  'sync_selections',
  'sync_jobs',
  'authentication_tokens',
  'personal_access_tokens',
  'garmin_authentication_states',
] as const;

/** Deleted after USER_TABLES, by their own statements (rotated refresh tokens hang off user_sessions). */
const LAST_TABLES = ['user_sessions', 'users'];

/** Tables with a user_id column that the list above does not name yet (a table added later): deleted too. */
const OTHER_USER_TABLES = `SELECT c.table_name FROM information_schema.columns c
  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
  WHERE c.table_schema = current_schema() AND c.column_name = 'user_id' AND c.table_name <> ALL($1::text[]) ORDER BY 1`;

const quoted = (table: string) => `"${table.replace(/"/g, '""')}"`;

/**
 * Deleting a user and everything of theirs, in the caller's transaction. With the lease row gone first, a worker
 * still running one of the user's jobs can write nothing more (its fence no longer holds), and the foreign keys
 * to `users` refuse any row it might still try to insert after the commit.
 */
export class AccountDeletionStore {
  /**
   * Deletes the user's rows table by table and the user last, and writes garmin.events.user.deleted to the outbox
   * in the same transaction (the caller's). The event, or undefined (nothing deleted) when there is no such user.
   */
  async deleteUser(manager: EntityManager, userId: string): Promise<UserDeletedEvent | undefined> {
    const removed: RemovedRows = {};
    const count = async (table: string, sql: string, params: unknown[] = [userId]) => {
      const [, affected]: [unknown, number] = await manager.query(sql, params);
      removed[table] = (removed[table] ?? 0) + affected;
    };
    await count('sync_leases', `DELETE FROM sync_leases WHERE user_id = $1`);
    const [user]: unknown[] = await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    if (!user) return undefined;

    const others: { table_name: string }[] = await manager.query(OTHER_USER_TABLES, [[...USER_TABLES, ...LAST_TABLES]]);
    for (const { table_name } of others) await count(table_name, `DELETE FROM ${quoted(table_name)} WHERE user_id = $1`);
    for (const table of USER_TABLES.slice(1)) await count(table, `DELETE FROM ${table} WHERE user_id = $1`);
    // A rotated-away refresh token has no user_id of its own: it belongs to the user through their session.
    await count('rotated_refresh_tokens', `DELETE FROM rotated_refresh_tokens r USING user_sessions s WHERE s.id = r.session_id AND s.user_id = $1`);
    await count('user_sessions', `DELETE FROM user_sessions WHERE user_id = $1`);
    // Commands and events about the user (sync commands of their jobs): their ids mean nothing once the user is gone.
    await count('outbox', `DELETE FROM outbox WHERE payload->>'userId' = $1::text`);
    await count('users', `DELETE FROM users WHERE id = $1`);
    const [{ now }]: { now: Date }[] = await manager.query(`SELECT now()`);
    const event: UserDeletedEvent = { userId, deletedAt: now.toISOString(), removed };
    await manager.query(`INSERT INTO outbox (subject, msg_id, payload) VALUES ($1, $2, $3)`, [EventSubject.UserDeleted, `user-deleted:${userId}`, event]);
    return event;
  }
}
