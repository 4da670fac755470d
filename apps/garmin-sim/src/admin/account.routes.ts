import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountSpecError, parseAccountPatch, parseAccountSpec } from '../state/account-spec';
import { Account } from '../state/accounts';
import { SimState } from '../state/sim-state';

/** Accounts and per-account fault switches (dev mode only). */
export function registerAccountAdminRoutes(app: FastifyInstance, state: SimState): void {
  app.get('/__sim/accounts', async () =>
    state.accounts.all().map((a) => ({
      email: a.email,
      displayName: a.displayName,
      profileId: a.profileId,
      mfa: a.mfa,
      timeZone: a.timeZone,
      historyDays: a.historyDays,
      locked: a.locked,
      captchaRequired: a.captchaRequired,
      signIn: a.signIn ?? {},
      diClientIds: a.diClientIds ?? null,
      diRotateRefreshToken: a.diRotateRefreshToken ?? true,
      tokenNotActive: a.tokenNotActive ?? false,
      lacks: a.lacks ?? [],
      /** Throttle buckets in force (`family|clientId` → when they lift if nobody retries). */
      throttledUntil: state.throttle.armedFor(a.email),
    })),
  );

  app.post('/__sim/accounts', async (request, reply) => {
    try {
      const account = state.addAccount(parseAccountSpec(request.body));
      return reply.code(201).send({ email: account.email, profileId: account.profileId, displayName: account.displayName });
    } catch (error) {
      if (error instanceof AccountSpecError) return reply.code(400).send({ message: error.message });
      return reply.code(409).send({ message: (error as Error).message });
    }
  });

  const withAccount = (handler: (account: Account, request: FastifyRequest) => unknown) => async (request: FastifyRequest, reply: FastifyReply) => {
    const account = state.accounts.findByEmail((request.params as { email: string }).email);
    if (!account) return reply.code(404).send({ message: 'no such account' });
    return (await handler(account, request)) ?? { ok: true };
  };

  /** At run time: any of the behaviour fields (signIn, diClientIds, diRotateRefreshToken, tokenNotActive) and `lacks`. */
  app.patch('/__sim/accounts/:email', async (request, reply) => {
    const account = state.accounts.findByEmail((request.params as { email: string }).email);
    if (!account) return reply.code(404).send({ message: 'no such account' });
    try {
      const patch = parseAccountPatch(request.body);
      state.changeBehaviour(account, patch.behaviour);
      if (patch.lacks) account.lacks = patch.lacks;
      return { ok: true };
    } catch (error) {
      if (error instanceof AccountSpecError) return reply.code(400).send({ message: error.message });
      throw error;
    }
  });
  /** Lifts every sign-in throttle of the account at once (they also lift by themselves, SIM_SIGN_IN_THROTTLE_S after the last refusal). */
  app.delete('/__sim/accounts/:email/throttle', withAccount((a) => void state.throttle.clear(a.email)));
  app.post('/__sim/accounts/:email/expire-tokens', withAccount((a) => void state.credentials.expireAccount(a.profileId)));
  /** Only the Bearer (access) tokens: a client must refresh, but need not sign in again. */
  app.post('/__sim/accounts/:email/expire-bearers', withAccount((a) => void state.credentials.expireBearers(a.profileId)));
  app.post('/__sim/accounts/:email/revoke-tokens', withAccount((a) => void state.credentials.revokeAccount(a.profileId)));
  app.post('/__sim/accounts/:email/lock', withAccount((a) => void (a.locked = true)));
  app.post('/__sim/accounts/:email/unlock', withAccount((a) => void Object.assign(a, { locked: false, failedLogins: 0 })));
  app.post(
    '/__sim/accounts/:email/captcha',
    withAccount((a, request) => void (a.captchaRequired = (request.body as { on?: unknown } | undefined)?.on !== false)),
  );
  /** A Bearer without the sign-in dance, for benchmarks and demos. */
  app.post(
    '/__sim/accounts/:email/token',
    withAccount((a) => ({ access_token: state.credentials.issueAccessToken(a, 'oauth2', state.config.SIM_ACCESS_TOKEN_TTL_S).token })),
  );
}
