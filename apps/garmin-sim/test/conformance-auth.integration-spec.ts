import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { replay, ReplayContext } from './support/cassette-replay';
import { AUTH_CASSETTES, loadCassette, suiteOf } from './support/cassettes';
import { mailbox, preauthorize, SsoClient } from './support/garmin-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo, mfaUser] = DEMO_ACCOUNTS;
/** Every cassette with sign-in or OAuth traffic (sso-mobile/, sso-legacy/, oauth/ and garth's sign-in ones). */
const CASSETTES = AUTH_CASSETTES;

/**
 * Every recorded sign-in and OAuth exchange, replayed in order against the
 * simulator with our own account, codes, tickets and signatures: each answer
 * must have the recorded status, content type, JSON keys (extra keys are
 * fine), HTML title and text/plain fields.
 */
describe('auth conformance with the recordings', () => {
  let sim: RunningSim;

  beforeEach(async () => {
    sim = await startSim(PERMISSIVE);
  });

  afterEach(() => sim.close());

  it('covers all three folders and the sign-in cassettes of garth/', () => {
    expect(CASSETTES.length).toBeGreaterThanOrEqual(16);
  });

  it.each(CASSETTES)('%s', async (cassette) => {
    // The Connect API calls of a cassette are conformance-connect's, but for the profile call that proves a Bearer.
    const interactions = loadCassette(cassette).filter(
      (i) => suiteOf(i) === 'auth' || (suiteOf(i) === 'connect' && new URL(i.request.uri).pathname.startsWith('/userprofile-service/')),
    );
    const usesMfa = cassette.includes('_mfa') || interactions.some((i) => String(i.request.body ?? '').includes('mfa_token'));
    const account = usesMfa ? mfaUser : demo;
    const ctx: ReplayContext = { sim, account, jar: new SsoClient(sim) };

    // oauth/ cassettes start from a stored OAuth1 token: sign in first to get one of ours.
    if (!interactions.some((i) => i.request.uri.includes('/preauthorized'))) await holdOAuth1(ctx);

    const problems: string[] = [];
    for (const [index, interaction] of interactions.entries()) problems.push(...(await replay(ctx, interaction, interactions[index - 1])));
    expect(problems).toEqual([]);
  });
});

async function holdOAuth1(ctx: ReplayContext): Promise<void> {
  const client = new SsoClient(ctx.sim);
  let { body } = await client.mobileLogin(ctx.account.email, ctx.account.password);
  if (body['responseStatus'].type === 'MFA_REQUIRED') {
    ({ body } = await client.mobileVerify(await mailbox(ctx.sim, ctx.account.email)));
  }
  const pre = await preauthorize(ctx.sim, body['serviceTicketId']);
  ctx.oauth1 = {
    key: pre.fields['oauth_token'],
    secret: pre.fields['oauth_token_secret'],
  };
  ctx.mfaToken = pre.fields['mfa_token'];
}
