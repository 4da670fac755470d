import { CommandSubject, SYNC_KINDS, SyncKind, SyncRunCommand, SyncTrigger, SyncType } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { OutboxMessage } from '../entities/outbox-message.entity';
import { SyncJob } from '../entities/sync-job.entity';

export interface SyncJobRequest {
  userId: string;
  kinds: SyncKind[];
  trigger: SyncTrigger;
  /** The API session whose client asked (HTTP requests only). */
  sessionId?: string | null;
  from?: string | null;
  to?: string | null;
  /** A caller-chosen id (the nightly run's user + date), making a second enqueue a no-op. */
  id?: string;
  notBefore?: Date | null;
}

export interface Enqueued {
  job: SyncJob;
  /** False when an equivalent job was already pending or running (and is returned instead). */
  created: boolean;
}

/** What makes two requests "the same": kinds and range. */
export function dedupeKeyOf(request: Pick<SyncJobRequest, 'kinds' | 'from' | 'to'>): string {
  return `${request.kinds.join('+')}|${request.from ?? ''}|${request.to ?? ''}`;
}

function syncTypeOf(kinds: SyncKind[]): SyncType {
  return kinds.length === 1 ? kinds[0] : 'all';
}

/**
 * Creates a job and its command in one transaction (the caller's), or finds the
 * equivalent job already pending or running for that user. The command goes to
 * the outbox; the relay publishes it with the job id as Nats-Msg-Id.
 */
export async function enqueueSyncJob(manager: EntityManager, request: SyncJobRequest): Promise<Enqueued> {
  const kinds = SYNC_KINDS.filter((kind) => request.kinds.includes(kind));
  const dedupeKey = dedupeKeyOf({ ...request, kinds });
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, { processed: 0, total: null }]));
  const [inserted]: { id: string }[] = await manager.query(
    `INSERT INTO sync_jobs (id, user_id, status, sync_type, kinds, by_kind, trigger, range_from, range_to, dedupe_key, not_before, session_id)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      request.id ?? null,
      request.userId,
      syncTypeOf(kinds),
      kinds,
      byKind,
      request.trigger,
      request.from ?? null,
      request.to ?? null,
      dedupeKey,
      request.notBefore ?? null,
      request.sessionId ?? null,
    ],
  );
  if (!inserted) {
    // Either this id exists already (a repeated nightly enqueue) or an equivalent job is active.
    const existing =
      (request.id && (await manager.findOneBy(SyncJob, { id: request.id }))) ||
      (await manager
        .createQueryBuilder(SyncJob, 'job')
        .where('job.userId = :userId AND job.dedupeKey = :dedupeKey', { userId: request.userId, dedupeKey })
        .andWhere(`job.status IN ('pending', 'running')`)
        .getOne());
    if (existing) return { job: existing, created: false };
    // The equivalent job finished between our insert and this read: try once more.
    return enqueueSyncJob(manager, request);
  }
  const command: SyncRunCommand = { jobId: inserted.id, userId: request.userId };
  await manager.insert(OutboxMessage, { subject: CommandSubject.SyncRun, msgId: inserted.id, payload: { ...command } });
  return { job: await manager.findOneByOrFail(SyncJob, { id: inserted.id }), created: true };
}
