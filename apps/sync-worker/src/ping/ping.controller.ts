import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcSubject, WorkerPingReply, WorkerPingRequest } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { randomUUID } from 'node:crypto';

/** Lets operators and tests see that a worker replica is connected and answering. */
@Controller()
export class PingController {
  private readonly instanceId = randomUUID();

  @RpcHandler(RpcSubject.WorkerPing)
  ping(@Payload() request: WorkerPingRequest): WorkerPingReply {
    return { service: 'sync-worker', instanceId: this.instanceId, nonce: request.nonce ?? null, at: new Date().toISOString() };
  }
}
