import { IsString, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { CronTime } from 'cron';
import { BooleanSetting, IntSetting, IsPort } from '@fittrack/app-core';
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

  /** Benchmarks only: GET /__bench/jobs/:id, a bare read of a job row with no auth (see npm run bench:gateway). Never in production. */
  @BooleanSetting()
  BENCH_BARE_ROUTE = false;

  /** Serve the OpenAPI document and its UI at /docs. */
  @BooleanSetting()
  DOCS_ENABLED = true;
}
