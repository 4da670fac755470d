import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsPort, LOG_LEVELS, LogLevel } from '@fittrack/app-core';

/** Reads the raw string: implicit conversion would already have made "false" into `true`. */
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return typeof raw === 'string' ? ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase()) : raw;
};

export const SIM_PROFILES = ['today', 'permissive'] as const;
export type SimProfile = (typeof SIM_PROFILES)[number];

/** Everything the simulator is configured with. Defaults suit local development and tests. */
export class SimConfig {
  @IsPort()
  PORT = 4010;

  @IsString()
  HOST = '127.0.0.1';

  /** Fastify logs every request at `info`: the default keeps a benchmark's output (and speed) clean. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'warn';

  /** Seed of every generated value: the same seed gives the same data everywhere. */
  @IsString()
  SIM_SEED = 'fittrack';

  /** JSON file with an array of accounts; without it the demo accounts are used. */
  @IsOptional()
  @IsString()
  SIM_ACCOUNTS_FILE?: string;

  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** Turns on the /__sim admin routes (MFA mailbox, faults, stats, accounts); off by default in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SIM_DEV_MODE?: boolean;

  get devMode(): boolean {
    return this.SIM_DEV_MODE ?? this.NODE_ENV !== 'production';
  }

  /** The OAuth1 consumer our clients are configured with (never downloaded). */
  @IsString()
  SIM_OAUTH_CONSUMER_KEY = 'fittrack-sim-consumer-key';

  @IsString()
  SIM_OAUTH_CONSUMER_SECRET = 'fittrack-sim-consumer-secret';

  /** Verify OAuth1 HMAC-SHA1 signatures (turn off only to debug a client). */
  @Transform(toBoolean)
  @IsBoolean()
  SIM_VERIFY_SIGNATURES = true;

  /** Lifetime of an OAuth2 / DI access token, seconds (Garmin: about a day). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIM_ACCESS_TOKEN_TTL_S = 86_400;

  /** Lifetime of a refresh token, seconds (Garmin: 30 days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIM_REFRESH_TOKEN_TTL_S = 2_591_999;

  /** Lifetime of an OAuth1 token, seconds (Garmin: about a year). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIM_OAUTH1_TOKEN_TTL_S = 31_536_000;

  /** Initial faults, as the JSON body of PUT /__sim/faults. */
  @IsOptional()
  @IsString()
  SIM_FAULTS?: string;

  /**
   * `today` (default) answers as Garmin is shown to answer since 2026-03 (edge refusals, the DI answer
   * pgc reads, no invented MFA error names; see README.md). `permissive` is the old accept-everything
   * simulator that garmin-connect npm and the recorded 2026-03 garth exchanges still pass against.
   */
  @IsIn(SIM_PROFILES)
  SIM_PROFILE: SimProfile = 'today';

  /**
   * How long a throttled account+client stays refused after its last refused request, seconds.
   * Assumed value: reports say hours and that retries restart it (hevy2garmin #191, pgc #344).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIM_SIGN_IN_THROTTLE_S = 6 * 3600;

  /**
   * What a mobile or portal sign-in request without a browser fingerprint gets: `split` (default) a 429
   * on mobile and a 403 challenge page on the portal, or `throttled` / `challenge` on both.
   */
  @IsIn(['split', 'throttled', 'challenge'])
  SIM_UNFINGERPRINTED: 'split' | 'throttled' | 'challenge' = 'split';

  /** Lifetime of a JWT_WEB cookie session, seconds (assumed: no reference shows it). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIM_JWT_WEB_TTL_S = 3600;

  get today(): boolean {
    return this.SIM_PROFILE === 'today';
  }

  /** Days of history generated for accounts that do not say. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  SIM_DEFAULT_HISTORY_DAYS = 90;

  /**
   * Archive reloads (POST /wellness-service/wellness/epoch/request/{date}) Garmin accepts per account per UTC
   * day; past it the sim answers 429 (the allowance is reported as about 20-40 a day, the answer assumed).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SIM_RELOADS_PER_DAY = 30;
}
