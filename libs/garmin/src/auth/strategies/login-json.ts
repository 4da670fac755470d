import { CookieJar } from 'tough-cookie';
import { serviceUrls } from '../../config';
import { GarminError } from '../../errors';
import { Transport, TransportAnswer } from '../../http/transport';
import { AuthContext, EdgeRefusal, PasswordOutcome, VerifiedTicket } from '../auth-context';

/**
 * The JSON login's answer (mobile and portal share it), as python-garminconnect reads it (client.py:678-737,
 * 1087-1143): the edge's refusals (429, 403, non-JSON, a JSON 429, CAPTCHA_REQUIRED) move the chain on;
 * a wrong password stops it; 5xx is Garmin being down. Any other answer stops the chain as unexpected:
 * the password was judged, and no other strategy is sent it on a guess.
 */
export type LoginJson = { kind: 'ticket'; ticket: string } | { kind: 'mfa'; method: string };

interface LoginBody {
  serviceTicketId?: string | null;
  responseStatus?: { type?: string } | null;
  customerMfaInfo?: { mfaLastMethodUsed?: string | null } | null;
  error?: { 'status-code'?: string } | null;
}

function parse(answer: TransportAnswer): LoginBody | undefined {
  try {
    const body = JSON.parse(answer.text) as unknown;
    return body && typeof body === 'object' ? (body as LoginBody) : undefined;
  } catch {
    return undefined;
  }
}

export function interpretLogin(answer: TransportAnswer, what: string): LoginJson {
  if (answer.status === 429) throw new EdgeRefusal(429, `${what} answered 429`);
  if (answer.status === 403) throw new EdgeRefusal(403, `${what} answered 403 (a challenge)`);
  if (answer.status >= 500) throw GarminError.unavailable(`${what} answered ${answer.status}`);
  const body = parse(answer);
  if (!body) throw new EdgeRefusal(answer.status, `${what} answered ${answer.status} without JSON`);
  const type = body.responseStatus?.type;
  if (type === 'MFA_REQUIRED') return { kind: 'mfa', method: body.customerMfaInfo?.mfaLastMethodUsed || 'email' };
  if (type === 'SUCCESSFUL') {
    if (!body.serviceTicketId) throw GarminError.protocol(`${what} said SUCCESSFUL without a service ticket`);
    return { kind: 'ticket', ticket: body.serviceTicketId };
  }
  if (type === 'INVALID_USERNAME_PASSWORD') throw GarminError.invalidCredentials();
  if (body.error?.['status-code'] === '429') throw new EdgeRefusal(429, `${what} answered 429 in its JSON`);
  if (type === 'CAPTCHA_REQUIRED') throw new EdgeRefusal(answer.status, `${what} wants a captcha (a challenge)`);
  throw GarminError.protocol(`${what} answered ${answer.status} ${type ?? 'without a status'}`);
}

export type JsonFamily = 'mobile' | 'portal';

/**
 * The password POST of a JSON family (client.py:650-676, 1060-1086), once, and what its answer means:
 * a ticket for the family's service, or MFA with the transport profile to verify over.
 */
export async function postJsonLogin(
  ctx: AuthContext,
  family: JsonFamily,
  transport: Transport,
  jar: CookieJar,
  headers: Record<string, string>,
  email: string,
  password: string,
  what: string,
): Promise<PasswordOutcome> {
  const query = loginQuery(family, ctx.config.domain);
  ctx.log(`${what}: posting the password`);
  const answer = await transport.send(`${ctx.config.ssoUrl}/${family}/api/login?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: email, password, rememberMe: true, captchaToken: '' }),
    timeoutMs: ctx.config.timeoutMs,
  });
  const outcome = interpretLogin(answer, `${what} login`);
  if (outcome.kind === 'mfa') return { kind: 'mfa', method: outcome.method, params: { profile: transport.profile }, jar };
  return { kind: 'ticket', ticket: outcome.ticket, serviceUrl: query.service, transport, jar };
}

/** The login query of a family: client id and the (real-domain) service its tickets are for. */
export function loginQuery(family: JsonFamily, domain: 'garmin.com' | 'garmin.cn'): { clientId: string; locale: string; service: string } {
  const services = serviceUrls(domain);
  return family === 'mobile'
    ? { clientId: 'GCM_IOS_DARK', locale: 'en-US', service: services.ios }
    : { clientId: 'GarminConnect', locale: 'en-US', service: services.portal };
}

/**
 * The JSON MFA verify, first at the sign-in's own family, then at the other one with that family's query
 * (client.py:1163-1259): they share the SSO cookies but not a rate-limit bucket. Only SUCCESSFUL with a
 * ticket is success; any other verdict means the code was not accepted, 429 on every endpoint is throttling.
 */
export async function verifyJsonMfa(
  ctx: AuthContext,
  first: JsonFamily,
  transportOf: (jar: CookieJar) => VerifiedTicket['transport'],
  headers: Record<string, string>,
  method: string,
  code: string,
  jar: CookieJar,
): Promise<VerifiedTicket> {
  const transport = transportOf(jar);
  const families: JsonFamily[] = first === 'mobile' ? ['mobile', 'portal'] : ['portal', 'mobile'];
  const body = JSON.stringify({ mfaMethod: method, mfaVerificationCode: code, rememberMyBrowser: true, reconsentList: [], mfaSetup: false });
  let throttled = 0;
  let unreachable = 0;
  for (const family of families) {
    const query = loginQuery(family, ctx.config.domain);
    let answer: TransportAnswer;
    try {
      answer = await transport.send(`${ctx.config.ssoUrl}/${family}/api/mfa/verifyCode?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers,
        body,
        timeoutMs: ctx.config.timeoutMs,
      });
    } catch (error) {
      if (!(error instanceof GarminError)) throw error;
      ctx.log(`MFA verify at ${family}: ${error.message}`);
      unreachable++;
      continue;
    }
    if (answer.status >= 500) {
      // Garmin could not judge the code: no verdict, and the gateway gives the attempt back.
      ctx.log(`MFA verify at ${family}: ${answer.status}`);
      unreachable++;
      continue;
    }
    const verdict = parse(answer);
    if (answer.status === 429 || verdict?.error?.['status-code'] === '429') {
      ctx.log(`MFA verify at ${family}: 429`);
      throttled++;
      continue;
    }
    if (verdict?.responseStatus?.type === 'SUCCESSFUL' && verdict.serviceTicketId) {
      ctx.log(`MFA verify at ${family}: SUCCESSFUL`);
      return { ticket: verdict.serviceTicketId, serviceUrl: query.service, transport };
    }
    ctx.log(`MFA verify at ${family}: ${answer.status} ${verdict?.responseStatus?.type ?? (verdict ? 'no status' : 'not JSON')}`);
  }
  if (throttled === families.length) throw GarminError.rateLimited();
  if (unreachable === families.length) throw GarminError.unavailable('no MFA verify endpoint answered');
  throw GarminError.invalidMfaCode();
}
