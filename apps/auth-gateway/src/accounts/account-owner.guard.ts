import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiSessionStore, sha256Hex } from '@fittrack/persistence';
import { BearerGuard } from '../tokens/bearer.guard';
import { TokenError, TokenErrorCode } from '../tokens/token.errors';
import { AccountError } from './account.errors';

/**
 * BearerGuard for DELETE /v1/me, where a token that resolves to nothing most likely belonged to an account that
 * is gone: its tokens were deleted with it, so a second DELETE answers 404 and says so. A token we still know
 * (an expired access token of a live account) stays a 401, so a client refreshes it as anywhere else.
 */
@Injectable()
export class AccountOwnerGuard implements CanActivate {
  constructor(
    private readonly bearer: BearerGuard,
    private readonly sessions: ApiSessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await this.bearer.canActivate(context);
    } catch (error) {
      if (!(error instanceof TokenError) || error.code !== TokenErrorCode.InvalidToken) throw error;
      const token = /^Bearer\s+(\S+)\s*$/i.exec(context.switchToHttp().getRequest<{ headers: { authorization?: string } }>().headers.authorization ?? '')?.[1];
      if (token && (await this.sessions.accessTokenKnown(sha256Hex(token)))) throw error;
      throw AccountError.noAccount();
    }
  }
}
