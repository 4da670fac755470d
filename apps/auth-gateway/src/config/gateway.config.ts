import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsPort } from '@fittrack/app-core';
import { GarminServiceConfig } from '@fittrack/garmin';

const IntSetting = (min: number, max: number) => applyDecorators(Type(() => Number), IsInt(), Min(min), Max(max));

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

  /** Serve the OpenAPI document and its UI at /docs. */
  @Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) =>
    typeof obj[key] === 'string' ? obj[key] === 'true' : obj[key],
  )
  @IsBoolean()
  DOCS_ENABLED = true;
}
