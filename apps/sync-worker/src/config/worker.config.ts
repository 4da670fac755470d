import { IsPort, ServiceConfig } from '@fittrack/app-core';

/** Everything the sync worker is configured with (README, "Configuration"). */
export class WorkerConfig extends ServiceConfig {
  @IsPort()
  PORT = 3001;
}
