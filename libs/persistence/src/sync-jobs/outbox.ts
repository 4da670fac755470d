import { EntityManager } from 'typeorm';

export interface OutboxRow {
  id: string;
  subject: string;
  msg_id: string;
  payload: Record<string, unknown>;
}

/**
 * Takes up to `limit` unpublished messages, oldest first, skipping rows another
 * relay holds; `publish` runs inside the transaction and the rows are marked
 * published only if it succeeds. A crash between publish and commit republishes,
 * which Nats-Msg-Id makes harmless.
 */
export async function relayOutbox(
  manager: EntityManager,
  limit: number,
  publish: (rows: OutboxRow[]) => Promise<void>,
): Promise<number> {
  return manager.transaction(async (tx) => {
    const rows: OutboxRow[] = await tx.query(
      `SELECT id, subject, msg_id, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (rows.length === 0) return 0;
    await publish(rows);
    await tx.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
    return rows.length;
  });
}

/** Drops published messages older than `days`; the rows are only an audit trail by then. */
export async function pruneOutbox(manager: EntityManager, days: number): Promise<void> {
  await manager.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1)`, [days]);
}
