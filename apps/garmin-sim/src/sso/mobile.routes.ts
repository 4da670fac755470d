import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRefusal, withCloudflareCookies } from '../edge/cloudflare';
import { edgeRefusal } from '../edge/edge-gate';
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
type Family = 'mobile' | 'portal';

/**
 * The current mobile JSON sign-in (§A.2) and its portal twin (pgc client.py:1020-1143): the
 * sign-in page, the password step, the MFA code step and the embed ping. In the today profile
 * Garmin's edge (src/edge/edge-gate.ts) answers first.
 */
export function registerMobileSsoRoutes(app: FastifyInstance, state: SimState): void {
  for (const family of ['mobile', 'portal'] as const) {
    app.get(`/${family}/sso/:locale/sign-in`, async (request, reply) => {
      const refused = edgeRefusal(state, request, family);
      if (refused) return sendRefusal(reply, refused.refusal);
      const session = state.sso.find(cookieValue(request.headers.cookie, 'SESSION')) ?? state.sso.create();
      reply.header('set-cookie', sessionCookies(session));
      return withCloudflareCookies(request, reply).type(HTML).send(SIGN_IN_PAGE);
    });
    app.post(`/${family}/api/login`, (request, reply) => login(state, family, request, reply));
    app.post(`/${family}/api/mfa/verifyCode`, (request, reply) => verifyCode(state, family, request, reply));
  }
  app.get('/portal/sso/embed', async (_request, reply) => reply.type(HTML).send(''));
}

function login(state: SimState, family: Family, request: FastifyRequest, reply: FastifyReply) {
  const { service = '' } = request.query as Query;
  const body = (request.body ?? {}) as {
    username?: unknown;
    password?: unknown;
  };
  const refused = edgeRefusal(state, request, family, typeof body.username === 'string' ? body.username : undefined);
  if (refused) return sendRefusal(reply, refused.refusal);
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
      session.pendingMfa = { profileId: outcome.account.profileId, service, codeSent: true }; // Garmin mails it itself
      return reply.header('set-cookie', sessionCookies(session)).send(answer.mfaRequired(outcome.account.email, outcome.account.mfa));
    case 'invalid':
      return reply.code(401).send(answer.invalidCredentials());
    case 'locked':
      return reply.code(423).send(answer.accountLocked());
    case 'captcha':
      return reply.send(answer.captchaRequired());
  }
}

/**
 * Both verify endpoints serve one SSO session (pgc client.py:1163-1252 posts a wrong code to the
 * login's family and then to the other). In the today profile one guess costs one attempt: the same
 * wrong code presented again on the session is not charged twice (assumed; review §2.1). Failures
 * carry no names (nothing is recorded): see answer.unaccepted.
 */
function verifyCode(state: SimState, family: Family, request: FastifyRequest, reply: FastifyReply) {
  const refused = edgeRefusal(state, request, family);
  if (refused) return sendRefusal(reply, refused.refusal);
  const today = state.config.today;
  const session = state.sso.find(cookieValue(request.headers.cookie, 'SESSION'));
  const pending = session?.pendingMfa;
  const account = pending ? state.accounts.findByProfileId(pending.profileId) : undefined;
  reply.type('application/json');
  if (!session || !pending || !account) return reply.code(401).send(today ? answer.unaccepted() : answer.sessionExpired());
  request.simSignIn = { ...request.simSignIn, email: account.email };
  const code = String((request.body as { mfaVerificationCode?: unknown } | null)?.mfaVerificationCode ?? '');
  if (today && session.lastWrongCode === code) return reply.code(401).send(answer.unaccepted());
  const check = state.mfa.check(account.email, code);
  if (!check.ok) {
    session.lastWrongCode = code;
    if (check.reason !== 'invalid') session.pendingMfa = undefined; // expired or out of attempts: sign in again
    return reply.code(401).send(today ? answer.unaccepted() : answer.mfaFailure(check.reason, check.attemptsLeft));
  }
  session.pendingMfa = undefined;
  const ticket = state.tickets.issue(account.profileId, pending.service, true, 'sso');
  return reply.header('set-cookie', signedInCookies(account.profileId)).send(answer.successful(pending.service, ticket));
}
