import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRefusal, withCloudflareCookies } from '../edge/cloudflare';
import { edgeRefusal } from '../edge/edge-gate';
import { SimState } from '../state/sim-state';
import * as pages from './legacy-pages';
import { maskEmail } from './mfa-codes';
import { checkPassword } from './sign-in';
import { cookieValue, sessionCookies, signedInCookies, SsoSession } from './sso-sessions';

const HTML = 'text/html;charset=UTF-8';
type Fields = Record<string, string | undefined>;

const origin = (request: FastifyRequest) => `${request.protocol}://${request.headers.host}`;
const queryString = (request: FastifyRequest) => (request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');

/**
 * The legacy embed-widget flow (§A.1), which garmin-connect npm speaks. A
 * request with a SESSION cookie must carry that session's CSRF token; one
 * without cookies (garmin-connect sends none) is matched to its sign-in by the
 * recently issued CSRF token it posts.
 */
export function registerLegacySsoRoutes(app: FastifyInstance, state: SimState): void {
  const sessionOf = (request: FastifyRequest, csrf?: string): SsoSession | undefined => {
    const cookie = cookieValue(request.headers.cookie, 'SESSION');
    return cookie ? state.sso.find(cookie) : state.sso.findByCsrf(csrf);
  };
  const expired = (reply: FastifyReply, message: string) =>
    reply.code(403).type(HTML).send(pages.signInPage(state.sso.create().csrf, message));

  app.get('/sso/embed', async (request, reply) => withCloudflareCookies(request, reply).type(HTML).send(pages.embedPage()));

  app.get('/sso/signin', async (request, reply) => {
    const session = state.sso.find(cookieValue(request.headers.cookie, 'SESSION')) ?? state.sso.create();
    return reply
      .header('set-cookie', sessionCookies(session))
      .type(HTML)
      .send(pages.signInPage(state.sso.rotateCsrf(session)));
  });

  app.post('/sso/signin', async (request, reply) => {
    const form = (request.body ?? {}) as Fields;
    const refused = edgeRefusal(state, request, 'widget', form['username']);
    if (refused) return sendRefusal(reply, refused.refusal);
    const session = sessionOf(request, form['_csrf']);
    if (!session || !form['_csrf'] || session.csrf !== form['_csrf']) return expired(reply, 'Invalid request. Please try again.');
    const service = (request.query as Fields)['service'] ?? '';
    // Today the widget's MFA page can come before the code: it goes out on request (pgc GH-386, 7af3ae4).
    const sendCode = !state.config.today;
    const outcome = checkPassword(state, form['username'], form['password'], sendCode);
    const csrf = state.sso.rotateCsrf(session);
    reply.type(HTML);
    switch (outcome.kind) {
      case 'success': {
        const ticket = state.tickets.issue(outcome.account.profileId, service, false, 'cas');
        return reply.header('set-cookie', signedInCookies(outcome.account.profileId)).send(pages.successPage(service, ticket));
      }
      case 'mfa_required':
        session.pendingMfa = { profileId: outcome.account.profileId, service, codeSent: sendCode && outcome.account.mfa === 'email' };
        return reply.redirect(`${origin(request)}/sso/verifyMFA/loginEnterMfaCode?${queryString(request)}`, 302);
      case 'invalid':
        return reply.code(401).send(pages.signInPage(csrf, 'Invalid sign in. (Passwords are case sensitive.)'));
      case 'locked':
        return reply.send(pages.statusPage(csrf, 'Account Locked', 'ACCOUNT_LOCKED'));
      case 'captcha':
        return reply.send(pages.statusPage(csrf, 'GARMIN Authentication Application', 'CAPTCHA_REQUIRED'));
    }
  });

  const pendingMfa = (request: FastifyRequest, csrf?: string) => {
    const session = sessionOf(request, csrf);
    const account = session?.pendingMfa && state.accounts.findByProfileId(session.pendingMfa.profileId);
    return session?.pendingMfa && account ? { session, account, service: session.pendingMfa.service } : undefined;
  };
  const mfaPage = (pending: NonNullable<ReturnType<typeof pendingMfa>>, csrf: string, invalidCode = false) =>
    pages.mfaPage({
      csrf,
      customerGuid: `sim-${pending.account.profileId}`,
      mfaMethod: pending.account.mfa,
      codeSentTo: pending.session.pendingMfa?.codeSent ? maskEmail(pending.account.email) : undefined,
      parentUrl: pending.service,
      invalidCode,
    });

  app.get('/sso/verifyMFA/loginEnterMfaCode', async (request, reply) => {
    const pending = pendingMfa(request);
    // Without its session (garmin-connect keeps no cookies) the MFA step is lost: back to the sign-in form.
    if (!pending) return reply.redirect(`${origin(request)}/sso/signin?${queryString(request)}`, 302);
    return reply.type(HTML).send(mfaPage(pending, state.sso.rotateCsrf(pending.session)));
  });

  app.post('/sso/verifyMFA/loginEnterMfaCode', async (request, reply) => {
    const form = (request.body ?? {}) as Fields;
    const pending = pendingMfa(request, form['_csrf']);
    if (!pending) return expired(reply, 'Your sign-in expired. Please sign in again.');
    request.simSignIn = { email: pending.account.email };
    const unsent = pending.account.mfa === 'email' && !pending.session.pendingMfa?.codeSent;
    if (unsent) return reply.type(HTML).send(mfaPage(pending, '', true)); // no code went out: nothing can match
    const check = state.mfa.check(pending.account.email, form['mfa-code'] ?? '');
    if (!check.ok) {
      if (check.reason !== 'invalid') pending.session.pendingMfa = undefined; // expired or out of attempts: sign in again
      return reply.type(HTML).send(mfaPage(pending, '', true)); // recorded: the retry page has an empty _csrf
    }
    pending.session.pendingMfa = undefined;
    const token = state.sso.issueLoginToken(pending.account.profileId, pending.service);
    const service = encodeURIComponent(pending.service);
    const location =
      `${origin(request)}/sso/login?logintoken=${token}&service=${service}&locale=en&embed=true` +
      `&source=${service}&redirectAfterAccountLoginUrl=${service}&embedWidget=true`;
    return reply.redirect(location, 302);
  });

  app.get('/sso/login', async (request, reply) => {
    const token = (request.query as Fields)['logintoken'] ?? '';
    const login = state.sso.redeemLoginToken(token);
    if (!login) return expired(reply, 'Your sign-in expired. Please sign in again.');
    const ticket = state.tickets.issue(login.profileId, login.service, true, 'cas');
    return reply
      .header('set-cookie', signedInCookies(login.profileId))
      .type(HTML)
      .send(pages.successPage(login.service, ticket, token));
  });

  /**
   * "Request a new code" (pgc client.py:922-968 posts JSON {customerGuid, mfaMethod, locale}). pgc reads
   * only the status; the answer bodies are assumed, and in the today profile they name nothing.
   */
  app.post('/sso/verifyMFA/mfaCode', async (request, reply) => {
    const pending = pendingMfa(request);
    const today = state.config.today;
    if (!pending) return reply.code(403).type('application/json').send(today ? {} : { error: 'sessionExpired' });
    request.simSignIn = { email: pending.account.email };
    state.mfa.send(pending.account.email);
    if (pending.session.pendingMfa) pending.session.pendingMfa.codeSent = true;
    if (today) return reply.type('application/json').send({});
    return reply.type('application/json').send({
      mfaMethod: 'email',
      codeSentTo: maskEmail(pending.account.email),
    });
  });
}
