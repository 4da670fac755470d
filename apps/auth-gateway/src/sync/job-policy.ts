import { Injectable } from '@nestjs/common';
import { CreationPolicy, DeadJobRule } from '@fittrack/persistence';
import { GatewayConfig } from '../config/gateway.config';
import { CommandStreamWatch } from './command-stream-watch';

/** The quota and the dead-job rule as configured, with what this replica knows of the command stream right now. */
@Injectable()
export class JobPolicy {
  constructor(
    private readonly config: GatewayConfig,
    private readonly stream: CommandStreamWatch,
  ) {}

  deadJob(): DeadJobRule {
    return {
      staleAfterSeconds: this.config.RECONCILE_STALE_AFTER_SECONDS,
      parkedGraceSeconds: this.config.RECONCILE_PARKED_GRACE_SECONDS,
      commandsGoneBefore: this.stream.commandsGoneBefore,
    };
  }

  creation(): CreationPolicy {
    return { maxOpenJobs: this.config.SYNC_MAX_OPEN_JOBS_PER_USER, deadJob: this.deadJob(), defaultSelection: this.config.defaultSelection };
  }
}
