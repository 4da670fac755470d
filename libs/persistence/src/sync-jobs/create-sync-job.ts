import { CATALOG_DEFAULT_SELECTION, CommandSubject, DataKind, inCatalogOrder, SYNC_KINDS, SyncKind, SyncRunCommand, SyncTrigger, SyncType } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { OutboxMessage } from '../entities/outbox-message.entity';
import { SyncJob } from '../entities/sync-job.entity';
import { resolveSelection } from '../selection/sync-selection.store';
import { deadJobCondition, DeadJobRule } from './dead-job-rule';
import { redriveSyncJob, redriveSyncJobs } from './redrive-sync-job';
import { SyncJobQuotaError } from './sync-job-quota.error';

/**
 * The one way jobs are created, for HTTP, RPC and the nightly run: `createSyncJob` for one request (with the
 * per-user quota and the dead-job rule), `enqueueNightlySyncJobs` for the nightly run's set of users.
 */

export interface SyncJobRequest {
  userId: string;
  kinds: SyncKind[];
  /** Data kinds the request named directly (instead of the user's selection); within `kinds`' groups. */
  dataKinds?: DataKind[] | null;
  trigger: SyncTrigger;
  /** The API session whose client asked (HTTP requests only). */
  sessionId?: string | null;
  from?: string | null;
  to?: string | null;
  notBefore?: Date | null;
}

export interface CreationPolicy {
  /** Open (pending or running) jobs a user may have; a new one past it is refused. */
  maxOpenJobs: number;
  /** An equivalent job that is dead by this rule is re-driven and returned. */
  deadJob: DeadJobRule;
  /** The deployment's default selection (SYNC_DEFAULT_SELECTION); the catalog's when not given. */
  defaultSelection?: readonly DataKind[];
}

export interface Created {
  job: SyncJob;
  /** False when an equivalent job was already pending or running (and is returned instead). */
  created: boolean;
  /** The equivalent job was dead (its command lost) and has just been published again. */
  redriven: boolean;
}

/**
 * What makes two requests "the same": kinds and range, and the data kinds a request named directly. A change
 * of the user's selection does not make a request new: the job already pending or running is the answer.
 */
export function dedupeKeyOf(request: Pick<SyncJobRequest, 'kinds' | 'from' | 'to' | 'dataKinds'>): string {
  const named = request.dataKinds && request.dataKinds.length > 0 ? `|${inCatalogOrder(request.dataKinds).join('+')}` : '';
  return `${request.kinds.join('+')}|${request.from ?? ''}|${request.to ?? ''}${named}`;
}

function syncTypeOf(kinds: SyncKind[]): SyncType {
  return kinds.length === 1 ? kinds[0] : 'all';
}

/** Advisory lock class of "creating a job for this user" (the key is hashtext of the user id). */
const USER_JOBS_LOCK = 0x5f10b5;

/**
 * Creates a job and its command in the caller's transaction, or returns the equivalent job already pending
 * or running (re-driving it first if it is dead, so a lost command never blocks a request forever).
 * Requests of one user are serialised by a transaction-scoped advisory lock, so two concurrent requests at
 * quota - 1 cannot both pass the count. Returning the equivalent job is always allowed; only a new job
 * counts against the quota.
 */
export async function createSyncJob(manager: EntityManager, request: SyncJobRequest, policy: CreationPolicy): Promise<Created> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('createSyncJob needs the caller’s transaction');
  const kinds = SYNC_KINDS.filter((kind) => request.kinds.includes(kind));
  const dedupeKey = dedupeKeyOf({ ...request, kinds });
  await manager.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))`, [USER_JOBS_LOCK, request.userId]);

  for (let round = 0; round < 3; round++) {
    const equivalent = await findEquivalent(manager, request.userId, dedupeKey, policy.deadJob);
    if (equivalent) return equivalent;
    const [{ open }]: { open: number }[] = await manager.query(
      `SELECT count(*)::int AS open FROM sync_jobs WHERE user_id = $1 AND status IN ('pending', 'running')`,
      [request.userId],
    );
    if (open >= policy.maxOpenJobs) throw SyncJobQuotaError.tooManyOpenJobs(policy.maxOpenJobs);
    const selection = await resolveSelection(manager, { userId: request.userId, groups: kinds, dataKinds: request.dataKinds }, policy.defaultSelection);
    const id = await insertJob(manager, request, kinds, selection, dedupeKey);
    // Taken meanwhile by a writer that does not take the lock (the nightly run): that job is the answer.
    if (!id) continue;
    const command: SyncRunCommand = { jobId: id, userId: request.userId };
    await manager.insert(OutboxMessage, { subject: CommandSubject.SyncRun, msgId: id, payload: { ...command } });
    return { job: await manager.findOneByOrFail(SyncJob, { id }), created: true, redriven: false };
  }
  throw new Error(`could not create or find a sync job for user ${request.userId}`);
}

async function findEquivalent(manager: EntityManager, userId: string, dedupeKey: string, rule: DeadJobRule): Promise<Created | undefined> {
  const params: unknown[] = [userId, dedupeKey];
  const dead = deadJobCondition('j', rule, params);
  const [row]: { id: string; dead: boolean }[] = await manager.query(
    `SELECT j.id, ${dead} AS dead FROM sync_jobs j WHERE j.user_id = $1 AND j.dedupe_key = $2 AND j.status IN ('pending', 'running')`,
    params,
  );
  if (!row) return undefined;
  const redriven = row.dead && (await redriveSyncJob(manager, row.id)) !== undefined;
  return { job: await manager.findOneByOrFail(SyncJob, { id: row.id }), created: false, redriven };
}

async function insertJob(
  manager: EntityManager,
  request: SyncJobRequest,
  kinds: SyncKind[],
  selection: DataKind[],
  dedupeKey: string,
): Promise<string | undefined> {
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, { processed: 0, total: null }]));
  const [inserted]: { id: string }[] = await manager.query(
    `INSERT INTO sync_jobs (user_id, status, sync_type, kinds, by_kind, trigger, range_from, range_to, dedupe_key, not_before, session_id, selection)
     VALUES ($1, 'pending', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
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
      selection,
    ],
  );
  return inserted?.id;
}

export interface NightlyEnqueue {
  userIds: string[];
  /** The run's calendar day: part of every job id, so a second enqueue of the same day is a no-op. */
  date: string;
  /** Not-before times are this instant plus each user's place in the window. */
  windowStart: Date;
  windowSeconds: number;
  /** A user's equivalent active job that is dead by this rule is re-driven instead (as a request would). */
  deadJob: DeadJobRule;
  /** The deployment's default selection, for users without their own; the catalog's when not given. */
  defaultSelection?: readonly DataKind[];
}

export interface NightlyEnqueued {
  created: number;
  /** Users whose equivalent active job was dead, and was published again. */
  redriven: number;
}

const NIGHTLY_KINDS = [...SYNC_KINDS];
const NIGHTLY_DEDUPE_KEY = dedupeKeyOf({ kinds: NIGHTLY_KINDS });
const NIGHTLY_BY_KIND = JSON.stringify(Object.fromEntries(NIGHTLY_KINDS.map((kind) => [kind, { processed: 0, total: null }])));

/**
 * A user's place in the night's window ($5 seconds): the same every night. In bigint, because abs() of an int4
 * hashtext of -2147483648 raises "integer out of range", and such a user would fail the night's whole chunk.
 */
const SPREAD_SECONDS = `CASE WHEN $5::int > 0 THEN (abs(hashtext(g.user_id::text)::bigint) % $5::int)::int ELSE 0 END`;

/** A deterministic UUID (version-5 shaped) from the user and the day: a second enqueue of the same night is a no-op. */
const NIGHTLY_JOB_ID = `(
  SELECT (substr(h, 1, 12) || '5' || substr(h, 14, 3) || substr('89ab', (get_byte(decode(substr(h, 17, 2), 'hex'), 0) % 4) + 1, 1) || substr(h, 18, 15))::uuid
    FROM (SELECT md5('nightly:' || g.user_id || ':' || $2)) AS m(h))`;

/**
 * The set-based variant for the nightly run: one incremental `all` job per user with its command, in the
 * caller's transaction. Each job syncs the user's effective selection (their override, else the deployment's
 * default: an `all` job covers every group, so nothing is left out of either). A user whose job of the day exists, or who has an equivalent job active, gets none
 * (ON CONFLICT); the quota does not apply (the nightly run is ours, not the user's). An equivalent active job
 * that is dead by the rule is re-driven, as for a single request, so the night does not count a lost job as queued.
 */
export async function enqueueNightlySyncJobs(manager: EntityManager, enqueue: NightlyEnqueue): Promise<NightlyEnqueued> {
  const jobs: { id: string; user_id: string }[] = await manager.query(
    `INSERT INTO sync_jobs (id, user_id, status, sync_type, kinds, by_kind, trigger, dedupe_key, not_before, selection)
     SELECT ${NIGHTLY_JOB_ID}, g.user_id, 'pending', 'all', $3, $4::jsonb, 'nightly', $6,
            $7::timestamptz + make_interval(secs => ${SPREAD_SECONDS}), COALESCE(s.kinds, $8::text[])
       FROM unnest($1::uuid[]) AS g(user_id)
       LEFT JOIN sync_selections s ON s.user_id = g.user_id
     ON CONFLICT DO NOTHING
     RETURNING id, user_id`,
    [
      enqueue.userIds,
      enqueue.date,
      NIGHTLY_KINDS,
      NIGHTLY_BY_KIND,
      enqueue.windowSeconds,
      NIGHTLY_DEDUPE_KEY,
      enqueue.windowStart,
      inCatalogOrder(enqueue.defaultSelection ?? CATALOG_DEFAULT_SELECTION),
    ],
  );
  if (jobs.length > 0) {
    await manager.query(
      `INSERT INTO outbox (subject, msg_id, payload)
       SELECT $1, j.id::text, jsonb_build_object('jobId', j.id, 'userId', j.user_id) FROM unnest($2::uuid[], $3::uuid[]) AS j(id, user_id)`,
      [CommandSubject.SyncRun, jobs.map((j) => j.id), jobs.map((j) => j.user_id)],
    );
  }
  const params: unknown[] = [enqueue.userIds, NIGHTLY_DEDUPE_KEY];
  const dead: { id: string }[] = await manager.query(
    `SELECT j.id FROM sync_jobs j WHERE j.user_id = ANY($1::uuid[]) AND j.dedupe_key = $2 AND ${deadJobCondition('j', enqueue.deadJob, params)}`,
    params,
  );
  const redriven = await redriveSyncJobs(
    manager,
    dead.map((row) => row.id),
  );
  return { created: jobs.length, redriven: redriven.length };
}
