import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AuthImportRequest, RpcSubject, SignedInView } from '@fittrack/contracts';
import { RpcHandler } from '@fittrack/messaging';
import { TokenImportService } from './token-import.service';

/**
 * garmin.rpc.auth.import: a platform service links a user's Garmin account from
 * tokens the user handed it, and gets what a sign-in answers. Errors come back
 * as error replies: BAD_REQUEST (a bad file, naming the field), UNAUTHORIZED (a
 * token Garmin refuses), RATE_LIMITED, UNAVAILABLE.
 */
@Controller()
export class AuthImportRpc {
  constructor(private readonly imports: TokenImportService) {}

  @RpcHandler(RpcSubject.AuthImport)
  import(@Payload() request: AuthImportRequest): Promise<SignedInView> {
    return this.imports.import(request.tokens, 'platform');
  }
}
