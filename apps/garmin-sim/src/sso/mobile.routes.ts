import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SimState } from '../state/sim-state';
import * as answer from './mobile-responses';
import { checkPassword } from './sign-in';
import { cookieValue, sessionCookies, signedInCookies } from './sso-sessions';

/** The real page is a 42 kB JS bootstrap; clients only need the cookies and the title. */
const SIGN_IN_PAGE = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
    <head>
        <title>Garmin SSO Portal</title>
        <meta charset="UTF-8">
        <meta name="description" content="Garmin SSO Portal">
    </head>
    <body><div id="root"></div><script>window.messages = {"codeEntryInvalid":"Invalid code.","codeEntryExpired":"Code expired.","codeEntryMaxLimit":"Too many attempts."};</script></body>
</html>`;
const HTML = 'text/html;charset=UTF-8';

type Query = { clientId?: string; locale?: string; service?: string };

/**
 * The current mobile JSON sign-in (§A.2) and its portal twin (§A.2.5): the
 * sign-in page, the password step, the MFA code step and the embed ping.
 */
export function registerMobileSsoRoutes(app: FastifyInstance, state: SimState): void {
  for (const family of ['mobile', 'portal'] as const) {
    app.get(`/${family}/sso/:locale/sign-in`, async (request, reply) => {
      const session = state.sso.find(cookieValue(request.headers.cookie, 'SESSION')) ?? state.sso.create();
      return reply.header('set-cookie', sessionCookies(session)).type(HTML).send(SIGN_IN_PAGE);
    });
    app.post(`/${family}/api/login`, (request, reply) => login(state, request, reply));
    app.post(`/${family}/api/mfa/verifyCode`, (request, reply) => verifyCode(state, request, reply));
  }
  app.get('/portal/sso/embed', async (_request, reply) => reply.type(HTML).send(''));
}

function login(state: SimState, request: FastifyRequest, reply: FastifyReply) {
  const { service = '' } = request.query as Query;
  const body = (request.body ?? {}) as {
    username?: unknown;
    password?: unknown;
  };
  // garth always loads the sign-in page first; a client that did not still gets a session to carry the MFA step.
  const session = state.sso.find(cookieValue(request.headers.cookie, 'SESSION')) ?? state.sso.create();
  const outcome = checkPassword(state, body.username, body.password);
  reply.type('application/json');
  switch (outcome.kind) {
    case 'success': {
      const ticket = state.tickets.issue(outcome.account.profileId, service, false, 'sso');
      return reply.header('set-cookie', signedInCookies(outcome.account.profileId)).send(answer.successful(service, ticket));
    }
    case 'mfa_required':
      session.pendingMfa = { profileId: outcome.account.profileId, service };
      return reply.header('set-cookie', sessionCookies(session)).send(answer.mfaRequired(outcome.account.email));
    case 'invalid':
      return reply.code(401).send(answer.invalidCredentials());
    case 'locked':
      return reply.code(423).send(answer.accountLocked());
    case 'captcha':
      return reply.send(answer.captchaRequired());
  }
}

function verifyCode(state: SimState, request: FastifyRequest, reply: FastifyReply) {
  const session = state.sso.find(cookieValue(request.headers.cookie, 'SESSION'));
  const pending = session?.pendingMfa;
  const account = pending ? state.accounts.findByProfileId(pending.profileId) : undefined;
  reply.type('application/json');
  if (!session || !pending || !account) return reply.code(401).send(answer.sessionExpired());

  const { mfaVerificationCode } = (request.body ?? {}) as {
    mfaVerificationCode?: unknown;
  };
  const check = state.mfa.check(account.email, String(mfaVerificationCode ?? ''));
  if (!check.ok) {
    if (check.reason !== 'invalid') session.pendingMfa = undefined; // expired or out of attempts: sign in again
    return reply.code(401).send(answer.mfaFailure(check.reason, check.attemptsLeft));
  }
  session.pendingMfa = undefined;
  const ticket = state.tickets.issue(account.profileId, pending.service, true, 'sso');
  return reply.header('set-cookie', signedInCookies(account.profileId)).send(answer.successful(pending.service, ticket));
}
