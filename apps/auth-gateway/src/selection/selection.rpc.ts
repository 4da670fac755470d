import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcSubject, SelectionGetRequest, SelectionResetRequest, SelectionSetRequest, SyncSelectionView } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { SelectionService } from './selection.service';

/** garmin.rpc.selection.*: platform services read and change what is synced for a user. */
@Controller()
export class SelectionRpc {
  constructor(private readonly selection: SelectionService) {}

  @RpcHandler(RpcSubject.SelectionGet)
  get(@Payload() request: SelectionGetRequest): Promise<SyncSelectionView> {
    return this.selection.view(request.userId);
  }

  @RpcHandler(RpcSubject.SelectionSet)
  set(@Payload() request: SelectionSetRequest): Promise<SyncSelectionView> {
    return this.selection.set(request.userId, request.kinds);
  }

  @RpcHandler(RpcSubject.SelectionReset)
  reset(@Payload() request: SelectionResetRequest): Promise<SyncSelectionView> {
    return this.selection.reset(request.userId);
  }
}
