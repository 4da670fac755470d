import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiTokensService, Caller, isSessionCaller, SessionCaller } from './api-tokens.service';
import { BrowserCookie, cookiesOf, csrfSatisfied } from './browser-session';
import { PersonalTokenError } from './personal-token.errors';
import { PersonalTokensService } from './personal-tokens.service';
import { READ_SCOPE } from './read-scope.decorator';
import { TokenError } from './token.errors';

type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

/**
 * Lets a request through only with a live bearer token; the caller is then on the request. A session's access
 * token passes everywhere; a personal access token only on routes marked @ReadScope(), and 403 elsewhere
 * (after it was verified, so an invalid one is still a 401). Without an Authorization header, a browser session's
 * access cookie (browser-session.ts) stands for it, and a request changing anything must then pass the CSRF check.
 */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly personalTokens: PersonalTokensService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) return this.byCookie(request);
    const token = match[1];
    if (!PersonalTokensService.isPersonalToken(token)) {
      request.caller = await this.tokens.authenticate(token);
      return true;
    }
    const caller = await this.personalTokens.authenticate(token);
    if (!this.reflector.getAllAndOverride<boolean | undefined>(READ_SCOPE, [context.getHandler(), context.getClass()])) throw PersonalTokenError.readOnly();
    request.caller = caller;
    return true;
  }

  private async byCookie(request: AuthenticatedRequest): Promise<boolean> {
    const token = request.headers.authorization === undefined ? cookiesOf(request)[BrowserCookie.Access] : undefined;
    if (!token) throw TokenError.missingToken();
    if (PersonalTokensService.isPersonalToken(token)) throw TokenError.invalidToken('access');
    const caller = await this.tokens.authenticate(token);
    if (!csrfSatisfied(request)) throw TokenError.csrfMismatch();
    request.caller = caller;
    return true;
  }
}

/** The verified caller of a route behind BearerGuard: a session's, or (on @ReadScope() routes) a personal token's. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw TokenError.missingToken();
  return caller;
});

/** The caller of a route that needs a signed-in session (its id): never a personal access token. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionCaller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
  if (!caller) throw TokenError.missingToken();
  if (!isSessionCaller(caller)) throw PersonalTokenError.readOnly();
  return caller;
});
