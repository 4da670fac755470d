import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { NightlyRunRequest, NightlyRunView, NightlyStatusReply, NightlyStatusRequest, RpcSubject } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { NightlyRunsService } from './nightly-runs.service';

/** Operators over NATS (whoever the NATS credentials let publish here): run the nightly sync now, read the last runs. */
@Controller()
export class NightlyRpc {
  constructor(private readonly runs: NightlyRunsService) {}

  @RpcHandler(RpcSubject.NightlyRun)
  run(@Payload() request: NightlyRunRequest): Promise<NightlyRunView> {
    return this.runs.runNow(request.date);
  }

  @RpcHandler(RpcSubject.NightlyStatus)
  async status(@Payload() request: NightlyStatusRequest): Promise<NightlyStatusReply> {
    return { runs: await this.runs.latest(request.limit ?? 10) };
  }
}
