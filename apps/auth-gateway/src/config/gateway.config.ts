import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsPort } from '@fittrack/app-core';
import { GarminServiceConfig } from '@fittrack/garmin';

/** Everything the auth gateway is configured with (README, "Configuration"). */
export class GatewayConfig extends GarminServiceConfig {
  @IsPort()
  PORT = 3000;

  /** Largest request body accepted, in bytes; larger ones get 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  HTTP_BODY_LIMIT = 64 * 1024;
}
