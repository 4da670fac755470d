import { IsOptional, IsString, Matches, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { CronTime } from 'cron';
import { BooleanSetting, IntSetting, IsPort } from '@fittrack/app-core';
import { DataKind, parseSelectionSetting } from '@fittrack/contracts';
import { GarminServiceConfig } from '@fittrack/garmin';


@ValidatorConstraint({ name: 'cronExpression' })
class IsCronExpression implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      new CronTime(String(value));
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'NIGHTLY_CRON must be a cron expression, e.g. "0 2 * * *"';
  }
}

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(value) });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'NIGHTLY_TIME_ZONE must be an IANA time zone, e.g. "Europe/Berlin"';
  }
}

@ValidatorConstraint({ name: 'cooldownRange' })
class IsAtLeastTheMinimumCooldown implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return Number(value) >= Number((args.object as GatewayConfig).SIGN_IN_COOLDOWN_MIN_SECONDS);
  }
  defaultMessage(): string {
    return 'SIGN_IN_COOLDOWN_MAX_SECONDS must be at least SIGN_IN_COOLDOWN_MIN_SECONDS';
  }
}

@ValidatorConstraint({ name: 'selection' })
class IsSelection implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseSelectionSetting(value).ok;
  }
  defaultMessage(args: ValidationArguments): string {
    const parsed = parseSelectionSetting(String(args.value));
    return `SYNC_DEFAULT_SELECTION ${parsed.ok ? 'is fine' : parsed.problem}`;
  }
}

/** Everything the auth gateway is configured with (README, "Configuration"). */
export class GatewayConfig extends GarminServiceConfig {
  @IsPort()
  PORT = 3000;

  /** Largest request body accepted, in bytes; larger ones get 413. */
  @IntSetting(1024, 10 * 1024 * 1024)
  HTTP_BODY_LIMIT = 64 * 1024;

  /** Life of an API access token. */
  @IntSetting(60, 24 * 3600)
  ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

  /** Life of an API refresh token (each use rotates it and starts a new life). */
  @IntSetting(3600, 365 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /**
   * Days a revoked or expired API session (and an expired access token) is kept after it ended, then the retention
   * sweep deletes it: long enough for a user or support to see when and how a client was signed out.
   */
  @IntSetting(1, 3650)
  RETENTION_SESSIONS_DAYS = 30;

  /**
   * Days a rotated-away refresh-token hash is kept past the moment that token would have expired anyway (its
   * rotation plus REFRESH_TOKEN_TTL_SECONDS). Until then it must stay, so its reuse still revokes the session;
   * the margin covers a TTL shortened since the token was issued, and leaves a trail for a theft inquiry.
   */
  @IntSetting(0, 3650)
  RETENTION_ROTATED_TOKENS_DAYS = 7;

  /** How often a replica tries the retention sweep (one replica at a time sweeps, under an advisory lock). */
  @IntSetting(1, 7 * 24 * 3600)
  RETENTION_SWEEP_INTERVAL_SECONDS = 3600;

  /** Sign-in attempts allowed per client IP and, separately, per email. */
  @IntSetting(1, 10_000)
  SIGN_IN_LIMIT_PER_MINUTE = 5;

  @IntSetting(1, 100_000)
  SIGN_IN_LIMIT_PER_HOUR = 100;

  /** Wrong MFA codes a challenge survives; the next one kills it. */
  @IntSetting(1, 10)
  MFA_MAX_ATTEMPTS = 5;

  /** MFA submissions per client IP per minute, whatever the challenge (guessing challenge ids). */
  @IntSetting(1, 10_000)
  MFA_LIMIT_PER_MINUTE = 30;

  /**
   * How long an account is left alone after Garmin refused (throttled, or its edge blocked) every way of
   * signing in to it: the first cooldown, each next one in a row twice the last, up to the maximum.
   * Garmin's per-account throttle lasts hours and starts again when retried.
   */
  @IntSetting(60, 7 * 24 * 3600)
  SIGN_IN_COOLDOWN_MIN_SECONDS = 2 * 3600;

  @IntSetting(60, 30 * 24 * 3600)
  @Validate(IsAtLeastTheMinimumCooldown)
  SIGN_IN_COOLDOWN_MAX_SECONDS = 24 * 3600;

  /**
   * Job event streams (GET /v1/sync/jobs/:id/events) one user may hold open on one replica; past it, 429.
   * Per replica, as the streams' registry is in memory (README, "Watching a job").
   */
  @IntSetting(1, 1000)
  SSE_MAX_STREAMS_PER_USER = 5;

  /** Job event streams one replica holds open for everyone; past it, 503 with Retry-After. */
  @IntSetting(1, 100_000)
  SSE_MAX_STREAMS = 2000;

  /** How often one replica checks, in one query for all its open streams, their jobs and API sessions (repairs a lost event). */
  @IntSetting(1, 300)
  SSE_SAFETY_CHECK_SECONDS = 5;

  /** How often an idle stream gets a comment line, so proxies do not cut it. */
  @IntSetting(1, 300)
  SSE_KEEPALIVE_SECONDS = 15;

  /** Run the nightly sync (in one replica, whichever fires first). */
  @BooleanSetting()
  NIGHTLY_ENABLED = true;

  /** When the nightly run fires: a cron expression (5 fields, or 6 with seconds) in NIGHTLY_TIME_ZONE. */
  @IsString()
  @Validate(IsCronExpression)
  NIGHTLY_CRON = '0 2 * * *';

  /** The zone of NIGHTLY_CRON and of the run's calendar day. */
  @Validate(IsTimeZone)
  NIGHTLY_TIME_ZONE = 'UTC';

  /** The nightly jobs' not-before times are spread over this long after the run, to use the upstream budget evenly. */
  @IntSetting(0, 24 * 3600)
  NIGHTLY_WINDOW_SECONDS = 2 * 3600;

  /** Sessions whose refresh credentials expire within this many hours are refreshed by the nightly run. */
  @IntSetting(0, 24 * 3650)
  SESSION_REFRESH_HORIZON_HOURS = 72;

  /** Open (pending or running) jobs one user may have; asking for another one past it gets 429. The nightly run is exempt. */
  @IntSetting(1, 10_000)
  SYNC_MAX_OPEN_JOBS_PER_USER = 10;

  /**
   * What is synced for users who have not chosen: `default` (the catalog's byDefault kinds), `all`, or
   * comma-separated catalog names (README, "What is synced").
   */
  @IsString()
  @Validate(IsSelection)
  SYNC_DEFAULT_SELECTION = 'default';

  /**
   * Who may use the operator routes (/v1/admin/*): the Garmin profile ids of their accounts, comma-separated (a
   * profile id is what GET /v1/auth/me shows as user.garminProfileId, and stays the same however often one signs in).
   * Empty: nobody.
   */
  @IsString()
  @Matches(/^\s*(\d{1,15}\s*(,\s*\d{1,15}\s*)*)?$/, { message: 'OPERATOR_GARMIN_PROFILE_IDS must be Garmin profile ids, comma-separated' })
  OPERATOR_GARMIN_PROFILE_IDS = '';

  get operatorProfileIds(): ReadonlySet<number> {
    return new Set(this.OPERATOR_GARMIN_PROFILE_IDS.split(',').map((id) => id.trim()).filter(Boolean).map(Number));
  }

  get defaultSelection(): DataKind[] {
    const parsed = parseSelectionSetting(this.SYNC_DEFAULT_SELECTION);
    if (!parsed.ok) throw new Error(`SYNC_DEFAULT_SELECTION ${parsed.problem}`);
    return parsed.kinds;
  }

  /** Garmin's archive reloads one account may ask for per UTC day (shown by GET /v1/sync/archive; the workers spend them). */
  @IntSetting(0, 1000)
  SYNC_ARCHIVE_RELOADS_PER_DAY = 25;

  /** Run the reconciler on this replica (one pass at a time across the cluster, whichever replica holds the lock). */
  @BooleanSetting()
  RECONCILE_ENABLED = true;

  /** How often the reconciler looks for jobs and nightly runs whose command or replica was lost. */
  @IntSetting(1, 3600)
  RECONCILE_INTERVAL_SECONDS = 30;

  /** A pending or running job untouched this long, whose user holds no live lease and whose command is gone, is re-driven. */
  @IntSetting(1, 24 * 3600)
  RECONCILE_STALE_AFTER_SECONDS = 120;

  /** A parked job whose user holds no live lease (the job it waited for ended without waking it) is woken after this long. */
  @IntSetting(1, 3600)
  RECONCILE_PARKED_GRACE_SECONDS = 15;

  /** A nightly run's claim lasts this long and is renewed while it runs; an unfinished run past it is taken over. */
  @IntSetting(2, 3600)
  NIGHTLY_CLAIM_SECONDS = 60;

  /** Change events older than this leave the GARMIN_DATA stream (README, "Change events"): how far back a consumer can replay. */
  @IntSetting(1, 3650)
  DATA_STREAM_MAX_AGE_DAYS = 30;

  /** The GARMIN_DATA stream's size cap in bytes, the oldest events dropped first; -1 for none. */
  @IntSetting(-1, Number.MAX_SAFE_INTEGER)
  DATA_STREAM_MAX_BYTES = 1024 ** 3;

  /** How long GARMIN_DATA recognises a republished change event (Nats-Msg-Id = key + version) and drops it. */
  @IntSetting(1, 24 * 3600)
  DATA_STREAM_DUPLICATE_WINDOW_SECONDS = 600;

  /** Where the built web app is (apps/web, `nx build web`), relative to the working directory; not built there, the gateway serves the API only. */
  @IsString()
  WEB_APP_DIR = 'dist/apps/web';

  /** Benchmarks only: GET /__bench/jobs/:id, a bare read of a job row with no auth (see npm run bench:gateway). Never in production. */
  @BooleanSetting()
  BENCH_BARE_ROUTE = false;

  /**
   * Serve the OpenAPI document and its UI at /docs: unset means on, except in production, where the
   * API's shape is nobody else's business unless asked for.
   */
  @IsOptional()
  @BooleanSetting()
  DOCS_ENABLED?: boolean;

  get docsEnabled(): boolean {
    return this.DOCS_ENABLED ?? this.NODE_ENV !== 'production';
  }

  /** The bench route has no auth: production refuses it rather than quietly leaving it out. */
  override productionProblems(): string[] {
    const bench = this.BENCH_BARE_ROUTE ? ['BENCH_BARE_ROUTE serves jobs without auth, which production refuses: unset it'] : [];
    return [...super.productionProblems(), ...bench];
  }
}
