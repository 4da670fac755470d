import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcSubject, WorkerPingReply, WorkerPingRequest } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { WorkerInstance } from '../fleet/worker-instance';

/** Lets operators and tests see that a worker replica is connected and answering. */
@Controller()
export class PingController {
  constructor(private readonly instance: WorkerInstance) {}

  @RpcHandler(RpcSubject.WorkerPing)
  ping(@Payload() request: WorkerPingRequest): WorkerPingReply {
    return { service: 'sync-worker', instanceId: this.instance.id, nonce: request.nonce ?? null, at: new Date().toISOString() };
  }
}
