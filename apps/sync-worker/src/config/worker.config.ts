import { IsPort } from '@fittrack/app-core';
import { GarminServiceConfig } from '@fittrack/garmin';

/** Everything the sync worker is configured with (README, "Configuration"). */
export class WorkerConfig extends GarminServiceConfig {
  @IsPort()
  PORT = 3001;
}
