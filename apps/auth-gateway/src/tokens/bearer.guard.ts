import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiTokensService, Caller } from './api-tokens.service';
import { TokenError } from './token.errors';

type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

/** Lets a request through only with a live access token; the caller is then on the request. */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly tokens: ApiTokensService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw TokenError.missingToken();
    request.caller = await this.tokens.authenticate(match[1]);
    return true;
  }
}

/** The verified caller of a route behind BearerGuard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw TokenError.missingToken();
  return caller;
});
