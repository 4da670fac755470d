import { CookieJar } from 'tough-cookie';
import { GarminClientConfig, mobileService } from '../config';
import { GarminError } from '../errors';
import { Answer, send } from '../http/send';

const CLIENT_ID = 'GCM_ANDROID_DARK';
const BROWSER_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

interface MobileAnswer {
  serviceTicketId?: string | null;
  responseStatus?: { type?: string };
  responseReason?: string | null;
  customerMfaInfo?: { mfaLastMethodUsed?: string | null } | null;
  error?: { 'status-code'?: string };
}

export type PasswordStep = { kind: 'ticket'; ticket: string } | { kind: 'mfa_required'; method: string };

function query(config: GarminClientConfig): string {
  return new URLSearchParams({ clientId: CLIENT_ID, locale: 'en-US', service: mobileService(config.domain) }).toString();
}

function parse(answer: Answer): MobileAnswer {
  try {
    return JSON.parse(answer.text) as MobileAnswer;
  } catch {
    throw GarminError.protocol(`the sign-in answered ${answer.status} without JSON`);
  }
}

/** Maps the answers every mobile SSO call shares; returns the ticket, or undefined for MFA_REQUIRED. */
function interpret(body: MobileAnswer, status: number): string | undefined {
  if (body.error?.['status-code'] === '429') throw GarminError.rateLimited();
  const type = body.responseStatus?.type;
  switch (type) {
    case 'SUCCESSFUL':
      if (!body.serviceTicketId) throw GarminError.protocol('SUCCESSFUL without a service ticket');
      return body.serviceTicketId;
    case 'MFA_REQUIRED':
      return undefined;
    case 'INVALID_USERNAME_PASSWORD':
      throw GarminError.invalidCredentials();
    case 'ACCOUNT_LOCKED':
      throw GarminError.accountLocked();
    case 'CAPTCHA_REQUIRED':
      throw GarminError.captchaRequired();
    case 'INVALID_MFA_CODE': {
      const left = /attemptsLeft=(\d+)/.exec(body.responseReason ?? '')?.[1];
      throw GarminError.invalidMfaCode(left === undefined ? undefined : Number(left));
    }
    case 'MFA_MAX_ATTEMPTS':
      // The code was wrong and it was the last try: still a wrong code, with nothing left.
      throw GarminError.invalidMfaCode(0);
    case 'MFA_CODE_EXPIRED':
    case 'SESSION_EXPIRED':
      throw GarminError.mfaExpired(`the MFA challenge is over (${type})`);
    default:
      if (status === 423) throw GarminError.accountLocked();
      throw GarminError.protocol(`sign-in answered ${status} ${type ?? 'without a status'}`);
  }
}

/** §A.2 steps 1-2: the sign-in page (cookies), then the password. */
export async function submitPassword(config: GarminClientConfig, jar: CookieJar, email: string, password: string): Promise<PasswordStep> {
  const headers = { 'user-agent': BROWSER_UA };
  await send(`${config.ssoUrl}/mobile/sso/en/sign-in?clientId=${CLIENT_ID}`, { jar, headers, timeoutMs: config.timeoutMs });
  const answer = await send(`${config.ssoUrl}/mobile/api/login?${query(config)}`, {
    method: 'POST',
    jar,
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username: email, password, rememberMe: false, captchaToken: '' }),
    timeoutMs: config.timeoutMs,
  });
  const body = parse(answer);
  const ticket = interpret(body, answer.status);
  return ticket ? { kind: 'ticket', ticket } : { kind: 'mfa_required', method: body.customerMfaInfo?.mfaLastMethodUsed ?? 'email' };
}

/** §A.2 step 3: the MFA code, with the cookies of the password step. */
export async function submitMfaCode(config: GarminClientConfig, jar: CookieJar, method: string, code: string): Promise<string> {
  const answer = await send(`${config.ssoUrl}/mobile/api/mfa/verifyCode?${query(config)}`, {
    method: 'POST',
    jar,
    headers: { 'user-agent': BROWSER_UA, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ mfaMethod: method, mfaVerificationCode: code, rememberMyBrowser: false, reconsentList: [], mfaSetup: false }),
    timeoutMs: config.timeoutMs,
  });
  const ticket = interpret(parse(answer), answer.status);
  if (!ticket) throw GarminError.protocol('MFA_REQUIRED again after the code');
  return ticket;
}
