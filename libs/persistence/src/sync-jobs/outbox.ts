import { DataChangeCounts, DataEventSubject, DataKind } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

export interface OutboxRow {
  id: string;
  subject: string;
  msg_id: string;
  payload: Record<string, unknown>;
}

/**
 * Which messages a relay takes: the commands (into GARMIN_COMMANDS) or the change events (into GARMIN_DATA).
 * They are relayed apart so that a backlog or an outage of one stream never holds the other back; each
 * predicate matches a partial index of the outbox exactly.
 */
export type OutboxChannel = 'commands' | 'data';
const DATA_EVENTS = `subject LIKE 'garmin.events.data.%'`;
const CHANNEL: Record<OutboxChannel, string> = { data: DATA_EVENTS, commands: `NOT (${DATA_EVENTS})` };

/**
 * Takes up to `limit` unpublished messages of a channel, oldest first, skipping rows another
 * relay holds; `publish` runs inside the transaction and the rows are marked
 * published only if it succeeds. A crash between publish and commit republishes,
 * which Nats-Msg-Id makes harmless.
 */
export async function relayOutbox(
  manager: EntityManager,
  channel: OutboxChannel,
  limit: number,
  publish: (rows: OutboxRow[]) => Promise<void>,
): Promise<number> {
  return manager.transaction(async (tx) => {
    const rows: OutboxRow[] = await tx.query(
      `SELECT id, subject, msg_id, payload FROM outbox WHERE published_at IS NULL AND ${CHANNEL[channel]} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
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

/** The rows a job changed, counted from the change events it wrote (over all its attempts). */
export async function changeCountsOf(manager: EntityManager, jobId: string): Promise<DataChangeCounts> {
  const rows: { subject: string; kind: DataKind; n: number }[] = await manager.query(
    `SELECT subject, payload->>'kind' AS kind, count(*)::int AS n FROM outbox WHERE job_id = $1 GROUP BY 1, 2`,
    [jobId],
  );
  const counts: DataChangeCounts = { total: 0, byKind: {}, activityFiles: 0 };
  for (const row of rows) {
    counts.total += row.n;
    if (row.subject === DataEventSubject.ActivityFile) counts.activityFiles += row.n;
    else counts.byKind[row.kind] = (counts.byKind[row.kind] ?? 0) + row.n;
  }
  return counts;
}
