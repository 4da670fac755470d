import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommandSubject, EventSubject, NightlyRunView, SYNC_KINDS } from '@fittrack/contracts';
import { EventPublisher } from '@fittrack/messaging';
import { dedupeKeyOf, NightlyRun, NightlyTrigger } from '@fittrack/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { OutboxRelay } from '../sync/outbox-relay';

/** Users per enqueue statement: large enough to be fast, small enough to keep each transaction short. */
const CHUNK = 2000;
const KINDS = [...SYNC_KINDS];
const DEDUPE_KEY = dedupeKeyOf({ kinds: KINDS });
const BY_KIND = JSON.stringify(Object.fromEntries(KINDS.map((kind) => [kind, { processed: 0, total: null }])));

/**
 * A user's place in the night's window ($7 seconds): the same every night. In bigint, because abs() of an int4
 * hashtext of -2147483648 raises "integer out of range", and such a user would fail the night's whole chunk.
 */
const SPREAD_SECONDS = `CASE WHEN $7::int > 0 THEN (abs(hashtext(g.user_id::text)::bigint) % $7::int)::int ELSE 0 END`;

/** A deterministic UUID (version-5 shaped) from the user and the day: a second enqueue of the same night is a no-op. */
const NIGHTLY_JOB_ID = `(
  SELECT (substr(h, 1, 12) || '5' || substr(h, 14, 3) || substr('89ab', (get_byte(decode(substr(h, 17, 2), 'hex'), 0) % 4) + 1, 1) || substr(h, 18, 15))::uuid
    FROM (SELECT md5('nightly:' || g.user_id || ':' || $2)) AS m(h))`;

/**
 * The nightly run: one incremental `all` job per linked user with a healthy
 * session, each with a not-before time spread over the window, plus a refresh
 * request for sessions near the end of their refresh credentials. It only
 * enqueues, in set-based statements; the workers do the work.
 */
@Injectable()
export class NightlyRunsService {
  private readonly logger = new Logger(NightlyRunsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly events: EventPublisher,
    private readonly config: GatewayConfig,
  ) {}

  /** The scheduled run of today: claimed by exactly one replica (a unique row per day); the others return undefined. */
  async runScheduled(now = new Date()): Promise<NightlyRunView | undefined> {
    const date = this.dayOf(now);
    const [claimed]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO nightly_runs (run_date, trigger) VALUES ($1, 'schedule') ON CONFLICT DO NOTHING RETURNING id`,
      [date],
    );
    if (!claimed) {
      this.logger.log(`nightly run for ${date} already done by another replica`);
      return undefined;
    }
    return this.execute(claimed.id, date, now);
  }

  /** An operator's run, for today or a given day; the day's existing jobs are kept, never doubled. */
  async runNow(date?: string, now = new Date()): Promise<NightlyRunView> {
    const day = date ?? this.dayOf(now);
    const [created]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO nightly_runs (run_date, trigger) VALUES ($1, 'operator') RETURNING id`,
      [day],
    );
    return this.execute(created.id, day, now);
  }

  async latest(limit: number): Promise<NightlyRunView[]> {
    const runs = await this.dataSource.getRepository(NightlyRun).find({ order: { startedAt: 'DESC' }, take: limit });
    return runs.map(toView);
  }

  private async execute(runId: string, date: string, now: Date): Promise<NightlyRunView> {
    const started = Date.now();
    try {
      const skipped = await this.skipUnhealthy(now);
      const refreshes = await this.requestRefreshes(date);
      const { enqueued, existing } = await this.enqueueHealthy(date, now);
      await this.dataSource.query(
        `UPDATE nightly_runs SET finished_at = now(), users_enqueued = $2, users_already_queued = $3, skipped = $4, refreshes_requested = $5 WHERE id = $1`,
        [runId, enqueued, existing, JSON.stringify(skipped), refreshes],
      );
      this.relay.kick();
      this.logger.log(`nightly run ${date}: ${enqueued} enqueued, ${existing} already queued, skipped ${JSON.stringify(skipped)}, ${refreshes} refreshes, ${Date.now() - started} ms`);
    } catch (error) {
      await this.dataSource.query(`UPDATE nightly_runs SET finished_at = now(), error = $2 WHERE id = $1`, [runId, String(error)]).catch(() => undefined);
      throw error;
    }
    return toView(await this.dataSource.getRepository(NightlyRun).findOneByOrFail({ id: runId }));
  }

  /** Sessions that cannot sync tonight, counted by reason; those who must sign in again are announced. */
  private async skipUnhealthy(now: Date): Promise<Record<string, number>> {
    const rows: { reason: string; user_id: string }[] = await this.dataSource.query(
      `SELECT CASE WHEN health_status IN ('needs_login', 'revoked') THEN health_status ELSE 'cooling_down' END AS reason, user_id
         FROM garmin_authentication_states
        WHERE health_status IN ('needs_login', 'revoked') OR cooldown_until > $1`,
      [now],
    );
    const skipped: Record<string, number> = {};
    for (const row of rows) {
      skipped[row.reason] = (skipped[row.reason] ?? 0) + 1;
      if (row.reason !== 'cooling_down') {
        this.events.publish(EventSubject.SessionNeedsLogin, { userId: row.user_id, reason: row.reason, at: now.toISOString() });
      }
    }
    return skipped;
  }

  /** Refresh commands (one per user and day) for healthy sessions whose refresh credentials end within the horizon. */
  private async requestRefreshes(date: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO outbox (subject, msg_id, payload)
       SELECT $1, 'refresh:' || g.user_id || ':' || $2, jsonb_build_object('userId', g.user_id)
         FROM garmin_authentication_states g
        WHERE g.health_status IN ('active', 'refresh_failed')
          AND g.refresh_expires_at < now() + make_interval(hours => $3)
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.msg_id = 'refresh:' || g.user_id || ':' || $2)
       RETURNING id`,
      [CommandSubject.SessionRefresh, date, this.config.SESSION_REFRESH_HORIZON_HOURS],
    );
    return rows.length;
  }

  /** One job per healthy linked user, chunk by chunk, job and command in one transaction per chunk. */
  private async enqueueHealthy(date: string, now: Date): Promise<{ enqueued: number; existing: number }> {
    const healthy: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM garmin_authentication_states
        WHERE health_status IN ('active', 'refresh_failed', 'cooling_down') AND (cooldown_until IS NULL OR cooldown_until <= $1)
        ORDER BY user_id`,
      [now],
    );
    let enqueued = 0;
    for (let start = 0; start < healthy.length; start += CHUNK) {
      const ids = healthy.slice(start, start + CHUNK).map((row) => row.user_id);
      enqueued += await this.dataSource.transaction((manager) => this.enqueueChunk(manager, ids, date, now));
    }
    return { enqueued, existing: healthy.length - enqueued };
  }

  private async enqueueChunk(manager: EntityManager, userIds: string[], date: string, now: Date): Promise<number> {
    const jobs: { id: string; user_id: string }[] = await manager.query(
      `INSERT INTO sync_jobs (id, user_id, status, sync_type, kinds, by_kind, trigger, dedupe_key, not_before)
       SELECT ${NIGHTLY_JOB_ID}, g.user_id, 'pending', 'all', $3, $4::jsonb, 'nightly', $5,
              $6::timestamptz + make_interval(secs => ${SPREAD_SECONDS})
         FROM unnest($1::uuid[]) AS g(user_id)
       ON CONFLICT DO NOTHING
       RETURNING id, user_id`,
      [userIds, date, KINDS, BY_KIND, DEDUPE_KEY, now, this.config.NIGHTLY_WINDOW_SECONDS],
    );
    if (jobs.length > 0) {
      await manager.query(
        `INSERT INTO outbox (subject, msg_id, payload)
         SELECT $1, j.id::text, jsonb_build_object('jobId', j.id, 'userId', j.user_id) FROM unnest($2::uuid[], $3::uuid[]) AS j(id, user_id)`,
        [CommandSubject.SyncRun, jobs.map((j) => j.id), jobs.map((j) => j.user_id)],
      );
    }
    return jobs.length;
  }

  /** The calendar day of an instant in NIGHTLY_TIME_ZONE. */
  private dayOf(now: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.NIGHTLY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

function toView(run: NightlyRun): NightlyRunView {
  return {
    id: run.id,
    runDate: run.runDate,
    trigger: run.trigger as NightlyTrigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    usersEnqueued: run.usersEnqueued,
    usersAlreadyQueued: run.usersAlreadyQueued,
    skipped: run.skipped,
    refreshesRequested: run.refreshesRequested,
    error: run.error,
  };
}
