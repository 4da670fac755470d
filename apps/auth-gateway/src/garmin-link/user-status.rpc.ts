import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcSubject, UserStatusRequest, UserStatusView } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { LinkStatusService } from './link-status.service';

/** garmin.rpc.user.status: platform services ask whether a user's Garmin link is healthy. */
@Controller()
export class UserStatusRpc {
  constructor(private readonly status: LinkStatusService) {}

  @RpcHandler(RpcSubject.UserStatus)
  userStatus(@Payload() request: UserStatusRequest): Promise<UserStatusView> {
    return this.status.status(request.userId);
  }
}
