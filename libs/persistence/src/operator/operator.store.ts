import { SyncJobStatus } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/** What failedByCode calls a failure that recorded no error code. */
export const UNKNOWN_ERROR_CODE = 'UNKNOWN';

/** A job as the operator console lists it: whose, what, how it stands, and why it failed (never a secret). */
export interface OperatorJobRow {
  id: string;
  userId: string;
  displayName: string | null;
  garminProfileId: number;
  status: SyncJobStatus;
  type: string;
  trigger: string;
  kinds: string[];
  progress: number;
  attempts: number;
  errorCode: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface OperatorJobFilter {
  status?: SyncJobStatus;
  /** The job's error code (`GARMIN_RATE_LIMITED`, …). */
  errorCode?: string;
  page: number;
  pageSize: number;
}

export interface OperatorJobPage {
  items: OperatorJobRow[];
  page: number;
  pageSize: number;
  /** Jobs matching the filter. */
  total: number;
  /** Every job, by status; and the failed ones by error code (the filter does not narrow these). */
  byStatus: Record<string, number>;
  failedByCode: Record<string, number>;
}

/** A user whose Garmin link no longer works by itself: they must sign in again (or are cooling down after a refusal). */
export interface OperatorLinkRow {
  userId: string;
  displayName: string | null;
  garminProfileId: number;
  health: string;
  /** Why, in the words stored with the health (never a token). */
  reason: string | null;
  cooldownUntil: Date | null;
  since: Date;
}

export interface OperatorLinks {
  /** Every user's link by health, and `unlinked` for users with no Garmin session stored. */
  byHealth: Record<string, number>;
  /** Who must sign in again (`needs_login`, `revoked`), most recent first, at most `limit`. */
  mustSignIn: OperatorLinkRow[];
}

/** Link healths after which only the user can bring the link back, by signing in again. */
const MUST_SIGN_IN = ['needs_login', 'revoked'];

/** The operator console's reads, across every user. */
export class OperatorStore {
  async garminProfileIdOf(manager: EntityManager, userId: string): Promise<number | undefined> {
    const [row]: { id: string }[] = await manager.query(`SELECT garmin_profile_id::text AS id FROM users WHERE id = $1`, [userId]);
    return row ? Number(row.id) : undefined;
  }

  /** Jobs across users, newest first, with the counts by status and by error code. */
  async jobs(manager: EntityManager, filter: OperatorJobFilter): Promise<OperatorJobPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.status) where.push(`j.status = $${params.push(filter.status)}`);
    // A failure without a code is counted as UNKNOWN (failedByCode), and found by it.
    if (filter.errorCode === UNKNOWN_ERROR_CODE) where.push(`j.status = 'failed' AND j.error_code IS NULL`);
    else if (filter.errorCode) where.push(`j.error_code = $${params.push(filter.errorCode)}`);
    const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const filterParams = params.slice();
    const items: OperatorJobRow[] = await manager.query(
      `SELECT j.id, j.user_id AS "userId", u.display_name AS "displayName", u.garmin_profile_id::float8 AS "garminProfileId", j.status,
              j.sync_type AS "type", j.trigger, j.kinds, j.progress, j.attempt_count AS "attempts", j.error_code AS "errorCode",
              j.error_message AS "error", j.created_at AS "createdAt", j.started_at AS "startedAt", j.finished_at AS "finishedAt"
         FROM sync_jobs j JOIN users u ON u.id = j.user_id ${condition}
        ORDER BY j.created_at DESC, j.id DESC LIMIT $${params.push(filter.pageSize)} OFFSET $${params.push((filter.page - 1) * filter.pageSize)}`,
      params,
    );
    const [{ n: total }] = await manager.query(`SELECT count(*)::int AS n FROM sync_jobs j ${condition}`, filterParams);
    const statuses: { status: string; n: number }[] = await manager.query(`SELECT status, count(*)::int AS n FROM sync_jobs GROUP BY status`);
    const codes: { code: string; n: number }[] = await manager.query(
      `SELECT COALESCE(error_code, '${UNKNOWN_ERROR_CODE}') AS code, count(*)::int AS n FROM sync_jobs WHERE status = 'failed' GROUP BY 1`,
    );
    return {
      items,
      page: filter.page,
      pageSize: filter.pageSize,
      total,
      byStatus: Object.fromEntries(statuses.map((row) => [row.status, row.n])),
      failedByCode: Object.fromEntries(codes.map((row) => [row.code, row.n])),
    };
  }

  /** Link health across users, and who must sign in again. */
  async links(manager: EntityManager, limit: number): Promise<OperatorLinks> {
    const counts: { health: string; n: number }[] = await manager.query(
      `SELECT COALESCE(g.health_status, 'unlinked') AS health, count(*)::int AS n
         FROM users u LEFT JOIN garmin_authentication_states g ON g.user_id = u.id GROUP BY 1`,
    );
    const mustSignIn: OperatorLinkRow[] = await manager.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.garmin_profile_id::float8 AS "garminProfileId", g.health_status AS health,
              g.health_reason AS reason, g.cooldown_until AS "cooldownUntil", g.updated_at AS since
         FROM garmin_authentication_states g JOIN users u ON u.id = g.user_id
        WHERE g.health_status = ANY($1) ORDER BY g.updated_at DESC LIMIT $2`,
      [MUST_SIGN_IN, limit],
    );
    return { byHealth: Object.fromEntries(counts.map((row) => [row.health, row.n])), mustSignIn };
  }
}
