import { CATALOG_DEFAULT_SELECTION, DataKind, inCatalogOrder, selectionOf, SyncKind } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/** What a job is asked to sync: its groups, and the data kinds a request named directly (if it did). */
export interface SelectionRequest {
  userId: string;
  groups: readonly SyncKind[];
  dataKinds?: readonly DataKind[] | null;
}

/**
 * A user's selection of data kinds (sync_selections): their override of the deployment's default, and what
 * a new job syncs. Overrides are kept in catalog order.
 */
export class SyncSelectionStore {
  async userExists(manager: EntityManager, userId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM users WHERE id = $1`, [userId])).length === 1;
  }

  /** The user's override, or null when they use the deployment's default. */
  async overrideOf(manager: EntityManager, userId: string): Promise<DataKind[] | null> {
    const [row]: { kinds: DataKind[] }[] = await manager.query(`SELECT kinds FROM sync_selections WHERE user_id = $1`, [userId]);
    return row?.kinds ?? null;
  }

  async set(manager: EntityManager, userId: string, kinds: readonly DataKind[]): Promise<DataKind[]> {
    const ordered = inCatalogOrder(kinds);
    if (ordered.length === 0) throw new Error('a selection names at least one data kind');
    await manager.query(
      `INSERT INTO sync_selections (user_id, kinds) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET kinds = EXCLUDED.kinds, updated_at = now()`,
      [userId, ordered],
    );
    return ordered;
  }

  /** Back to the deployment's default; false when the user had no override. */
  async reset(manager: EntityManager, userId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(`DELETE FROM sync_selections WHERE user_id = $1`, [userId]);
    return affected > 0;
  }
}

/**
 * What a new job syncs: the kinds the request named, or else the user's effective selection (their override,
 * else the deployment's default), within the job's groups; catalog order.
 */
export async function resolveSelection(
  manager: EntityManager,
  request: SelectionRequest,
  deploymentDefault: readonly DataKind[] = CATALOG_DEFAULT_SELECTION,
): Promise<DataKind[]> {
  if (request.dataKinds && request.dataKinds.length > 0) return selectionOf(request.dataKinds, request.groups);
  const override = await new SyncSelectionStore().overrideOf(manager, request.userId);
  return selectionOf(override ?? deploymentDefault, request.groups);
}
