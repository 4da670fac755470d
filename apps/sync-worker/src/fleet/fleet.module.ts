import { Global, Module } from '@nestjs/common';
import { FleetReporter } from './fleet-reporter';
import { UpstreamTally } from './upstream-tally';
import { WorkerInstance } from './worker-instance';

/** This replica's identity and what it tells the fleet's telemetry (the operator console's upstream and workers views). */
@Global()
@Module({
  providers: [WorkerInstance, UpstreamTally, FleetReporter],
  exports: [WorkerInstance, UpstreamTally],
})
export class FleetModule {}
