import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcSubject, UserDeletedView, UserDeleteRequest } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { AccountDeletionService } from './account-deletion.service';

/** garmin.rpc.user.delete: an operator deletes a user (OPS account only, deploy/nats/accounts.conf). */
@Controller()
export class UserDeleteRpc {
  constructor(private readonly deletion: AccountDeletionService) {}

  @RpcHandler(RpcSubject.UserDelete)
  deleteUser(@Payload() request: UserDeleteRequest): Promise<UserDeletedView> {
    return this.deletion.delete(request.userId, 'operator');
  }
}
