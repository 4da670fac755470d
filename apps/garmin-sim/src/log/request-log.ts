import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasBrowserFingerprint } from '../edge/fingerprint';
import { cookieValue } from '../sso/sso-sessions';

/** One request of the sign-in and token dance, as GET /__sim/requests[/:email] serves it. */
export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  /** The route pattern, e.g. `/mobile/api/login` or `/:family/sso/:locale/sign-in` resolved to its path pattern. */
  route: string;
  /** The path as sent, without the query (e.g. `/gc-api/userprofile-service/socialProfile`). */
  path: string;
  /** `clientId` of the query; for the DI token endpoint the client id of the Basic header or form. */
  clientId: string | null;
  /** Whether the request carried the modelled browser fingerprint (src/edge/fingerprint.ts). */
  fingerprint: boolean;
  status: number;
  /** The account the request was for: named in it, or by an earlier/later request of the same visitor. */
  account: string | null;
  /** Set when the edge refused it: android-client | no-fingerprint | throttled | challenge. */
  refusal: string | null;
}

const LOGGED = [/^\/sso\//, /^\/mobile\//, /^\/portal\//, /^\/di-oauth2-service\//, /^\/oauth-service\//, /^\/app(\/|$)/, /^\/modern\/?$/, /^\/services\/auth\//, /^(\/gc-api|\/modern\/proxy)?\/userprofile-service\/socialProfile/];
const CAP = 10_000;

function basicClientId(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  return match ? Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] : undefined;
}

/** The value a reply sets for a cookie: a first visit names its visitor id this way. */
function setCookie(reply: FastifyReply, name: string): string | undefined {
  const header = reply.getHeader('set-cookie');
  const lines = header === undefined ? [] : Array.isArray(header) ? header.map(String) : [String(header)];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line ? line.slice(name.length + 1).split(';')[0] : undefined;
}

/**
 * A bounded log of sign-in, token and token-check requests, so a test can compare the sequence a
 * client sends with the reference's. Requests are tied together by Cloudflare's `_cfuvid` visitor
 * cookie (or SESSION): a widget's first GETs name no account, its form POST does.
 */
export class RequestLog {
  private entries: (LoggedRequest & { visitor?: string })[] = [];
  private readonly visitorAccount = new Map<string, string>();
  private seq = 0;

  static logs(path: string): boolean {
    return LOGGED.some((pattern) => pattern.test(path));
  }

  record(request: FastifyRequest, reply: FastifyReply, nowMs: number, account: string | undefined): void {
    const path = (request.originalUrl ?? request.url).split('?')[0];
    if (!RequestLog.logs(path)) return;
    const visitor = cookieValue(request.headers.cookie, '_cfuvid') ?? setCookie(reply, '_cfuvid') ?? cookieValue(request.headers.cookie, 'SESSION');
    const query = request.query as { clientId?: string } | undefined;
    const form = (request.body ?? {}) as { client_id?: unknown };
    const clientId =
      query?.clientId ?? (path.startsWith('/di-oauth2-service/') ? (basicClientId(request.headers.authorization) ?? (form.client_id as string)) : undefined);
    const owner = account ?? (visitor ? this.visitorAccount.get(visitor) : undefined);
    if (account && visitor) {
      this.visitorAccount.set(visitor, account);
      for (const entry of this.entries) if (entry.visitor === visitor && entry.account === null) entry.account = account;
    }
    this.entries.push({
      seq: ++this.seq,
      at: new Date(nowMs).toISOString(),
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      path,
      clientId: clientId ?? null,
      fingerprint: hasBrowserFingerprint(request.headers),
      status: reply.statusCode,
      account: owner ?? null,
      refusal: request.simSignIn?.refusal ?? null,
      visitor,
    });
    if (this.entries.length > CAP) this.entries.splice(0, this.entries.length - CAP);
  }

  list(account?: string): LoggedRequest[] {
    const wanted = account?.toLowerCase();
    return this.entries.filter((e) => wanted === undefined || e.account === wanted).map(({ visitor: _visitor, ...entry }) => entry);
  }

  reset(): void {
    this.entries = [];
    this.visitorAccount.clear();
  }
}
