import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { GatewayConfig } from '../config/gateway.config';
import { BrowserCookie, cookiesOf, csrfSatisfied, setSessionCookies, wantsCookieSession } from './browser-session';
import { TokenError } from './token.errors';

/** A sign-in or refresh answer that carries a session's tokens. */
interface TokensBody {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  [field: string]: unknown;
}

const carriesTokens = (body: unknown): body is TokensBody =>
  typeof (body as TokensBody | null)?.accessToken === 'string' && typeof (body as TokensBody).refreshToken === 'string';

const REFRESH_FROM_COOKIE = 'browserSession:refreshFromCookie';

/** Marks the refresh route: with the cookie transport, its refresh token may come from the refresh cookie. */
export const RefreshFromCookie = () => SetMetadata(REFRESH_FROM_COOKIE, true);

/**
 * On the routes that hand out a session's tokens (sign-in, MFA, import, refresh), the browser transport: asked for
 * with `X-Session-Transport: cookie`, the tokens go into httpOnly cookies and the body carries, instead of them,
 * `tokenType: "Cookie"` and the `csrfToken` to echo. A refresh then takes its refresh token from the cookie, and
 * being cookie-authenticated must pass the CSRF check. Without the header, nothing changes.
 */
@Injectable()
export class BrowserSessionInterceptor implements NestInterceptor {
  constructor(
    private readonly config: GatewayConfig,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { body: unknown }>();
    if (!wantsCookieSession(request)) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Interceptors run before validation: a refresh by cookie gets its token here, checked like one in the body.
    if (this.reflector.get<boolean>(REFRESH_FROM_COOKIE, context.getHandler()) && body['refreshToken'] === undefined) {
      const refreshToken = cookiesOf(request)[BrowserCookie.Refresh];
      if (!refreshToken) throw TokenError.invalidToken('refresh');
      if (!csrfSatisfied(request)) throw TokenError.csrfMismatch();
      request.body = { ...body, refreshToken };
    }
    return next.handle().pipe(
      map((answer: unknown) => {
        if (!carriesTokens(answer)) return answer;
        const { accessToken, refreshToken, tokenType: _bearer, ...rest } = answer;
        const csrfToken = setSessionCookies(request, reply, {
          accessToken,
          refreshToken,
          accessTtl: this.config.ACCESS_TOKEN_TTL_SECONDS,
          refreshTtl: this.config.REFRESH_TOKEN_TTL_SECONDS,
        });
        return { ...rest, tokenType: 'Cookie', csrfToken };
      }),
    );
  }
}
