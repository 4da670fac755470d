import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcSubject, SyncCancelRequest, SyncGetRequest, SyncJobView, SyncStartRequest } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { SyncJobsService } from './sync-jobs.service';

/** garmin.rpc.sync.*: platform services start, read and cancel a user's syncs. */
@Controller()
export class SyncRpc {
  constructor(private readonly jobs: SyncJobsService) {}

  @RpcHandler(RpcSubject.SyncStart)
  async start(@Payload() request: SyncStartRequest): Promise<SyncJobView> {
    const { userId, ...fields } = request;
    return (await this.jobs.start(userId, fields, { trigger: 'platform' })).job;
  }

  @RpcHandler(RpcSubject.SyncGet)
  get(@Payload() request: SyncGetRequest): Promise<SyncJobView> {
    return this.jobs.get(request.userId, request.jobId);
  }

  @RpcHandler(RpcSubject.SyncCancel)
  cancel(@Payload() request: SyncCancelRequest): Promise<SyncJobView> {
    return this.jobs.cancel(request.userId, request.jobId);
  }
}
