import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsNumber, Max, Min } from 'class-validator';
import { BooleanSetting, IntSetting, IsPort } from '@fittrack/app-core';
import { GarminServiceConfig } from '@fittrack/garmin';

const RateSetting = () => applyDecorators(Type(() => Number), IsNumber(), Min(0), Max(10_000));

/** Everything the sync worker is configured with (README, "Configuration"). */
export class WorkerConfig extends GarminServiceConfig {
  @IsPort()
  PORT = 3001;

  /** Beside a gateway on one machine, the worker's admin listener needs a port of its own (validated in ServiceConfig). */
  override METRICS_PORT = 9465;

  /** Jobs one worker process runs at once. */
  @IntSetting(1, 256)
  SYNC_CONCURRENCY = 4;

  /** Archive exports (POST /v1/exports) one worker process makes at once; each streams, so memory stays flat. */
  @IntSetting(1, 16)
  EXPORT_CONCURRENCY = 1;

  /** How long a finished export's ZIP is kept for download. */
  @IntSetting(1, 24 * 30)
  EXPORT_KEEP_HOURS = 72;

  /** Requests one job has in flight to Garmin at once (details, files, days). */
  @IntSetting(1, 32)
  SYNC_ITEM_CONCURRENCY = 4;

  /** Attempts at a job (crashes, Garmin outages) before it is failed with the reason. */
  @IntSetting(1, 100)
  SYNC_MAX_ATTEMPTS = 5;

  /** JetStream redelivers a command this long after its worker went silent; live jobs signal in-progress well before. */
  @IntSetting(1000, 600_000)
  SYNC_ACK_WAIT_MS = 30_000;

  /** A user's lease lasts this long unless renewed; a killed worker's job is picked up after it. */
  @IntSetting(1000, 600_000)
  SYNC_LEASE_TTL_MS = 20_000;

  /**
   * PostgreSQL drops a worker connection idle inside a transaction this long: a worker paused inside a
   * fenced write cannot hold the user's lease row (and with it a takeover) for longer.
   */
  @IntSetting(1000, 600_000)
  SYNC_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /** How far back a user's first sync goes. */
  @IntSetting(1, 3650)
  SYNC_BACKFILL_DAYS = 30;

  /**
   * Garmin keeps intraday data about this many days; older days of the intraday sources are queued for a
   * reload (README, "Garmin's archive") instead of asked for.
   */
  @IntSetting(1, 3650)
  SYNC_ARCHIVE_AFTER_DAYS = 180;

  /** Archive reloads one account may ask Garmin for per UTC day, shared by every job and worker (Garmin accepts about 20-40). */
  @IntSetting(0, 1000)
  SYNC_ARCHIVE_RELOADS_PER_DAY = 25;

  /** A kind found absent (the user's devices do not produce it) is probed again after this many days (README, "What is synced"). */
  @IntSetting(1, 3650)
  SYNC_ABSENT_RECHECK_DAYS = 30;

  /** Recent activities re-read by every incremental sync, so edits (name, type) arrive. */
  @IntSetting(0, 365)
  SYNC_ACTIVITY_REREAD_DAYS = 7;

  /** At most this often a running job's progress is written and published. */
  @IntSetting(50, 60_000)
  SYNC_PROGRESS_INTERVAL_MS = 500;

  /** Tries of one Garmin request (429s and outages) before the job's attempt fails; Retry-After is always honoured. */
  @IntSetting(1, 50)
  GARMIN_REQUEST_ATTEMPTS = 12;

  /**
   * A 429 that names no wait ends the job's attempt, and the next starts this long after, doubling with each
   * throttled attempt (at most an hour): Garmin's throttle re-arms when retried, so the pause is minutes.
   */
  @IntSetting(1, 3600)
  GARMIN_THROTTLE_BACKOFF_SECONDS = 300;

  /** Garmin requests per second per account and overall, shared by every worker (0: no limit). */
  @RateSetting()
  GARMIN_ACCOUNT_RATE_PER_SECOND = 3;

  @RateSetting()
  GARMIN_GLOBAL_RATE_PER_SECOND = 30;

  /**
   * Benchmarks only: `false` fetches everything a sync would and writes none of the data
   * (jobs still run and end), which is the fetch-only baseline of `npm run bench:sync`.
   */
  @BooleanSetting()
  SYNC_STORE_DATA = true;

  /**
   * Benchmarks only: `false` stores the data without its change events (README, "Change events"), the
   * baseline `npm run bench:sync` measures their cost against. Platform services miss every change made
   * while it is off, so production keeps it on.
   */
  @BooleanSetting()
  SYNC_DATA_EVENTS = true;

  /** Refresh a Garmin access token this long before it expires. */
  @IntSetting(0, 86_400)
  GARMIN_REFRESH_SKEW_SECONDS = 300;

  /**
   * How long a worker's claim on a user's token refresh lasts (others wait for its result meanwhile, then may
   * take it): longer than a refresh can take (two Garmin requests, each up to GARMIN_TIMEOUT_MS with retries),
   * and the time a worker that lost PostgreSQL holding a rotated token has before another may refresh with
   * the old one (SessionKeeper says what is guaranteed).
   */
  @IntSetting(1, 3600)
  GARMIN_REFRESH_CLAIM_SECONDS = 180;

  /** Consecutive job attempts Garmin throttled before the link shows cooling_down (until the next attempt). */
  @IntSetting(1, 100)
  GARMIN_THROTTLE_STRIKES = 2;

  /** How often a worker writes its heartbeat and adds its Garmin traffic to the fleet's minutes (the operator console). */
  @IntSetting(100, 300_000)
  FLEET_REPORT_INTERVAL_MS = 10_000;
}
