import { EntityManager } from 'typeorm';

/** Which kind of process talked to Garmin: workers sync, the gateway signs people in. */
export type UpstreamSource = 'sync-worker' | 'auth-gateway';

/** One minute of one source's Garmin traffic. */
export interface UpstreamMinute {
  /** The start of the minute. */
  minute: Date;
  requests: number;
  /** Answers 429. */
  throttled: number;
  /** 5xx answers and requests that got no answer. */
  failed: number;
  cooldownsStarted: number;
}

export interface UpstreamBucket {
  at: string;
  requests: number;
  throttled: number;
  failed: number;
  cooldownsStarted: number;
}

export interface UpstreamSeries {
  buckets: UpstreamBucket[];
  totals: Omit<UpstreamBucket, 'at'>;
}

/** A worker replica as its heartbeat tells it. */
export interface WorkerIdentity {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
}

export interface WorkerJobRow {
  jobId: string;
  displayName: string | null;
  kinds: string[];
  currentKind: string | null;
  progress: number;
  startedAt: Date | null;
}

export interface WorkerRow extends WorkerIdentity {
  lastSeenAt: Date;
  /** Since its last heartbeat, by the database's clock (a browser's may be off). */
  secondsSinceSeen: number;
  jobs: WorkerJobRow[];
}

/** The fleet's telemetry for the operator console (migration 1765600000000). */
export class FleetStore {
  /** Adds minutes of counts to what other replicas of the source already added: one statement, atomic per row. */
  async addUpstreamMinutes(manager: EntityManager, source: UpstreamSource, minutes: UpstreamMinute[]): Promise<void> {
    if (minutes.length === 0) return;
    await manager.query(
      `INSERT INTO upstream_minutes AS m (minute, source, requests, throttled, failed, cooldowns_started)
       SELECT date_trunc('minute', t.minute), $1, t.requests, t.throttled, t.failed, t.cooldowns
         FROM unnest($2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::int[]) AS t(minute, requests, throttled, failed, cooldowns)
       ON CONFLICT (minute, source) DO UPDATE SET requests = m.requests + EXCLUDED.requests, throttled = m.throttled + EXCLUDED.throttled,
         failed = m.failed + EXCLUDED.failed, cooldowns_started = m.cooldowns_started + EXCLUDED.cooldowns_started`,
      [
        source,
        minutes.map((m) => m.minute.toISOString()),
        minutes.map((m) => m.requests),
        minutes.map((m) => m.throttled),
        minutes.map((m) => m.failed),
        minutes.map((m) => m.cooldownsStarted),
      ],
    );
  }

  /** Minutes older than `before` go. */
  async pruneUpstreamMinutes(manager: EntityManager, before: Date): Promise<number> {
    const [, removed]: [unknown, number] = await manager.query(`DELETE FROM upstream_minutes WHERE minute < $1`, [before.toISOString()]);
    return removed;
  }

  /**
   * Every source's minutes since `since`, summed into buckets of `bucketMinutes` (aligned to the epoch, so the
   * buckets of two reads agree); a bucket with no traffic is there with zeros, so a chart shows quiet as quiet.
   */
  async upstreamSeries(manager: EntityManager, since: Date, bucketMinutes: number): Promise<UpstreamSeries> {
    const rows: (Omit<UpstreamBucket, 'at'> & { at: Date })[] = await manager.query(
      `WITH buckets AS (
         SELECT generate_series(date_bin(make_interval(mins => $2), $1::timestamptz, 'epoch'), now(), make_interval(mins => $2)) AS at
       ), sums AS (
         SELECT date_bin(make_interval(mins => $2), minute, 'epoch') AS at, sum(requests)::int AS requests, sum(throttled)::int AS throttled,
                sum(failed)::int AS failed, sum(cooldowns_started)::int AS cooldowns
           FROM upstream_minutes WHERE minute >= date_bin(make_interval(mins => $2), $1::timestamptz, 'epoch') GROUP BY 1
       )
       SELECT b.at, coalesce(s.requests, 0) AS requests, coalesce(s.throttled, 0) AS throttled, coalesce(s.failed, 0) AS failed,
              coalesce(s.cooldowns, 0) AS "cooldownsStarted"
         FROM buckets b LEFT JOIN sums s USING (at) ORDER BY b.at`,
      [since.toISOString(), bucketMinutes],
    );
    const buckets = rows.map((row) => ({ ...row, at: row.at.toISOString() }));
    const totals = { requests: 0, throttled: 0, failed: 0, cooldownsStarted: 0 };
    for (const bucket of buckets) {
      totals.requests += bucket.requests;
      totals.throttled += bucket.throttled;
      totals.failed += bucket.failed;
      totals.cooldownsStarted += bucket.cooldownsStarted;
    }
    return { buckets, totals };
  }

  /**
   * Garmin accounts cooling down now: sign-in cooldowns in force (linked or not), and links cooling down after
   * throttled syncs whose account has no sign-in cooldown (so none is counted twice).
   */
  async coolingDownNow(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT (SELECT count(*) FROM sign_in_cooldowns WHERE cooldown_until > now())
            + (SELECT count(*) FROM garmin_authentication_states s WHERE s.health_status = 'cooling_down'
                 AND NOT EXISTS (SELECT 1 FROM sign_in_cooldowns c WHERE c.email_hash = s.sign_in_email_hash AND c.cooldown_until > now()))::int AS n`,
    );
    return Number(row.n);
  }

  async beat(manager: EntityManager, worker: WorkerIdentity): Promise<void> {
    await manager.query(
      `INSERT INTO worker_heartbeats (worker_id, host, pid, started_at, last_seen_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now()`,
      [worker.id, worker.host, worker.pid, worker.startedAt.toISOString()],
    );
  }

  /** A worker that shuts down cleanly leaves the list at once; one that dies ages out of it. */
  async forget(manager: EntityManager, workerId: string): Promise<void> {
    await manager.query(`DELETE FROM worker_heartbeats WHERE worker_id = $1`, [workerId]);
  }

  /**
   * The workers seen since `seenSince`, newest start first, each with the running jobs whose user's lease it holds
   * now (its own `holder`); heartbeats older than `forgetBefore` are removed first.
   */
  async workers(manager: EntityManager, seenSince: Date, forgetBefore: Date): Promise<WorkerRow[]> {
    await manager.query(`DELETE FROM worker_heartbeats WHERE last_seen_at < $1`, [forgetBefore.toISOString()]);
    const rows: (WorkerIdentity & { lastSeenAt: Date; secondsSinceSeen: number; jobs: (Omit<WorkerJobRow, 'startedAt'> & { startedAt: string | null })[] })[] = await manager.query(
      `SELECT w.worker_id AS id, w.host, w.pid, w.started_at AS "startedAt", w.last_seen_at AS "lastSeenAt",
              extract(epoch FROM now() - w.last_seen_at)::float8 AS "secondsSinceSeen",
              coalesce(jsonb_agg(jsonb_build_object('jobId', j.id, 'displayName', u.display_name, 'kinds', j.kinds, 'currentKind', j.current_kind,
                'progress', j.progress, 'startedAt', j.started_at) ORDER BY j.started_at) FILTER (WHERE j.id IS NOT NULL), '[]') AS jobs
         FROM worker_heartbeats w
         LEFT JOIN sync_leases l ON l.holder = w.worker_id AND l.expires_at > now()
         LEFT JOIN sync_jobs j ON j.id = l.job_id AND j.status = 'running'
         LEFT JOIN users u ON u.id = j.user_id
        WHERE w.last_seen_at >= $1
        GROUP BY w.worker_id ORDER BY w.started_at DESC`,
      [seenSince.toISOString()],
    );
    return rows.map((row) => ({ ...row, jobs: row.jobs.map((job) => ({ ...job, startedAt: job.startedAt === null ? null : new Date(job.startedAt) })) }));
  }
}
