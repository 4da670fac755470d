import { isTerminalStatus, sourcesOf, SyncJobStatus } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { SyncJob } from '../entities/sync-job.entity';
import { PersistenceError } from '../persistence.error';
import { Fence, leaseHeld } from './leases';

/** Columns a caller may set together with a status change. */
export type TransitionPatch = Partial<Pick<SyncJob, 'errorMessage' | 'errorCode' | 'currentKind' | 'processedItems' | 'totalItems' | 'progress'>>;

export type TransitionResult =
  | { ok: true; job: SyncJob }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'illegal'; current: SyncJobStatus }
  /** The move was legal, but the caller's fence is no longer the user's lease. */
  | { ok: false; reason: 'lease_lost'; current: SyncJobStatus };

const PATCH_COLUMNS: Record<keyof TransitionPatch, string> = {
  errorMessage: 'error_message',
  errorCode: 'error_code',
  currentKind: 'current_kind',
  processedItems: 'processed_items',
  totalItems: 'total_items',
  progress: 'progress',
};

/**
 * The only way a job's status changes: one conditional UPDATE whose WHERE
 * names the legal source states, so of two processes racing to move the same
 * job, exactly one matches the row and the other learns it lost.
 * Works inside a caller's transaction (pass its EntityManager). A worker passes
 * its `fence`: the change then happens only while it still holds the user's
 * lease, and a stale worker (paused past its lease, or back from a lost
 * database) learns it lost as `illegal` with the job's current status.
 */
export async function transitionSyncJob(
  manager: EntityManager,
  jobId: string,
  to: SyncJobStatus,
  patch: TransitionPatch = {},
  fence?: Fence,
): Promise<TransitionResult> {
  const assignments = ['"status" = $2', '"updated_at" = now()'];
  const parameters: unknown[] = [jobId, to, sourcesOf(to)];
  if (to === 'running') assignments.push('"started_at" = now()', '"attempt_count" = "attempt_count" + 1');
  if (isTerminalStatus(to)) assignments.push('"finished_at" = now()');
  if (to === 'completed') assignments.push('"progress" = 100');
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof TransitionPatch, string][]) {
    if (patch[key] === undefined || (key === 'progress' && to === 'completed')) continue;
    parameters.push(patch[key]);
    assignments.push(`"${column}" = $${parameters.length}`);
  }
  let fenced = '';
  if (fence) {
    parameters.push(fence.userId, fence.fence);
    fenced = ` AND ${leaseHeld(`$${parameters.length - 1}`, `$${parameters.length}`)}`;
  }
  const [rows] = (await manager.query(
    `UPDATE "sync_jobs" SET ${assignments.join(', ')} WHERE "id" = $1 AND "status" = ANY($3::text[])${fenced} RETURNING "id"`,
    parameters,
  )) as [{ id: string }[], number];
  if (rows.length === 1) {
    return { ok: true, job: await manager.findOneByOrFail(SyncJob, { id: jobId }) };
  }
  const current = await manager.findOne(SyncJob, { where: { id: jobId }, select: { id: true, status: true } });
  if (!current) return { ok: false, reason: 'not_found' };
  const legal = sourcesOf(to).includes(current.status);
  return { ok: false, reason: fence && legal ? 'lease_lost' : 'illegal', current: current.status };
}

/** Like transitionSyncJob, for callers to whom losing is an error. */
export async function transitionSyncJobOrFail(
  manager: EntityManager,
  jobId: string,
  to: SyncJobStatus,
  patch?: TransitionPatch,
): Promise<SyncJob> {
  const result = await transitionSyncJob(manager, jobId, to, patch);
  if (result.ok) return result.job;
  if (result.reason === 'not_found') throw PersistenceError.jobNotFound(jobId);
  throw PersistenceError.illegalTransition(jobId, result.current, to);
}

/**
 * A further attempt at a job left running (its worker died or lost the lease): counts it, while `fence` is
 * the user's lease. The job, or undefined when it is not running any more or the lease is not ours.
 */
export async function countFurtherAttempt(manager: EntityManager, jobId: string, fence: Fence): Promise<SyncJob | undefined> {
  const [rows] = (await manager.query(
    `UPDATE sync_jobs SET attempt_count = attempt_count + 1, updated_at = now()
      WHERE id = $1 AND status = 'running' AND ${leaseHeld('$2', '$3')}
      RETURNING id`,
    [jobId, fence.userId, fence.fence],
  )) as [{ id: string }[], number];
  return rows.length === 1 ? ((await manager.findOneBy(SyncJob, { id: jobId })) ?? undefined) : undefined;
}
