import { DataKind } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { KindAvailabilityState } from '../entities/kind-availability.entity';
import { Fence, inFence } from '../sync-jobs/leases';

/** What is known of one kind for one user. */
export interface KnownKind {
  kind: DataKind;
  state: KindAvailabilityState;
  learnedAt: Date;
  /** The user's devices when it was learned. */
  deviceIds: string[];
  /** An absent mark older than the re-check interval: worth one more probe. */
  recheckDue: boolean;
}

export interface LearnedKind {
  kind: DataKind;
  state: KindAvailabilityState;
}

/** The user's devices as the last sync of `devices` stored them (garmin_records). */
const DEVICES_OF_USER = `COALESCE((SELECT array_agg(record_key ORDER BY record_key) FROM garmin_records WHERE user_id = $1 AND kind = 'devices'), '{}')`;

/**
 * What syncs learned of each data kind per user (kind_availability): produced by their devices, or absent.
 * Writes are fenced by the job's lease; each returns undefined when the lease was lost (nothing written).
 */
export class KindAvailabilityStore {
  async known(manager: EntityManager, userId: string, recheckDays: number): Promise<KnownKind[]> {
    const rows: { kind: DataKind; state: KindAvailabilityState; learned_at: Date; device_ids: string[]; recheck_due: boolean }[] = await manager.query(
      `SELECT kind, state, learned_at, device_ids, (state = 'absent' AND learned_at <= now() - make_interval(days => $2)) AS recheck_due
         FROM kind_availability WHERE user_id = $1 ORDER BY kind`,
      [userId, recheckDays],
    );
    return rows.map((row) => ({ kind: row.kind, state: row.state, learnedAt: row.learned_at, deviceIds: row.device_ids, recheckDue: row.recheck_due }));
  }

  /** The kinds known absent, for the user to see. */
  async absent(manager: EntityManager, userId: string): Promise<KnownKind[]> {
    return (await this.known(manager, userId, 36_500)).filter((known) => known.state === 'absent');
  }

  /** Records what a probe showed, under the devices the user is known to have now. */
  learn(manager: EntityManager, fence: Fence, jobId: string, learned: readonly LearnedKind[]): Promise<number | undefined> {
    if (learned.length === 0) return Promise.resolve(0);
    return inFence(manager, fence, async (tx) => {
      const rows: unknown[] = await tx.query(
        `INSERT INTO kind_availability (user_id, kind, state, learned_at, device_ids, job_id)
         SELECT $1, l.kind, l.state, now(), ${DEVICES_OF_USER}, $4 FROM unnest($2::text[], $3::text[]) AS l(kind, state)
         ON CONFLICT (user_id, kind) DO UPDATE SET state = EXCLUDED.state, learned_at = EXCLUDED.learned_at,
           device_ids = EXCLUDED.device_ids, job_id = EXCLUDED.job_id, updated_at = now()
         RETURNING 1`,
        [fence.userId, learned.map((l) => l.kind), learned.map((l) => l.state), jobId],
      );
      return rows.length;
    });
  }

  /**
   * The user's devices as Garmin lists them now. A device not among those a kind was found absent under
   * makes it unknown again (the next sync probes it); marks learned before any device was known take these.
   * The kinds made unknown again.
   */
  devicesSeen(manager: EntityManager, fence: Fence, deviceIds: readonly string[]): Promise<DataKind[] | undefined> {
    const ids = [...new Set(deviceIds)].sort();
    return inFence(manager, fence, async (tx) => {
      // DELETE … RETURNING answers [rows, affected].
      const [cleared]: [{ kind: DataKind }[], number] = await tx.query(
        `DELETE FROM kind_availability WHERE user_id = $1 AND state = 'absent' AND cardinality(device_ids) > 0 AND NOT (device_ids @> $2::text[])
         RETURNING kind`,
        [fence.userId, ids],
      );
      if (ids.length > 0) {
        await tx.query(`UPDATE kind_availability SET device_ids = $2, updated_at = now() WHERE user_id = $1 AND cardinality(device_ids) = 0`, [fence.userId, ids]);
      }
      return cleared.map((row) => row.kind);
    });
  }
}
