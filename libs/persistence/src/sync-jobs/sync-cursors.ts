import { SyncKind } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { SyncCursor } from '../entities/sync-cursor.entity';
import { Fence, leaseHeld } from './leases';

/** Where an incremental sync of a kind starts next time; an absent field leaves the stored one. */
export interface CursorUpdate {
  syncedThrough?: string | null;
  newestItemAt?: Date | null;
}

/** A user's cursors, one per kind synced so far. */
export function loadCursors(manager: EntityManager, userId: string): Promise<SyncCursor[]> {
  return manager.findBy(SyncCursor, { userId });
}

/** Moves a kind's cursor, only while `fence` is the user's lease; false when it was not (nothing written). */
export async function moveCursor(manager: EntityManager, fence: Fence, kind: SyncKind, update: CursorUpdate): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO sync_cursors (user_id, kind, synced_through, newest_item_at)
     SELECT $1, $2, $3, $4 WHERE ${leaseHeld('$1', '$5')}
     ON CONFLICT (user_id, kind) DO UPDATE SET
       synced_through = COALESCE(EXCLUDED.synced_through, sync_cursors.synced_through),
       newest_item_at = COALESCE(EXCLUDED.newest_item_at, sync_cursors.newest_item_at),
       updated_at = now()
     RETURNING 1`,
    [fence.userId, kind, update.syncedThrough ?? null, update.newestItemAt ?? null, fence.fence],
  );
  return rows.length === 1;
}
