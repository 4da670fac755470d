import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { replay, ReplayContext } from './support/cassette-replay';
import { listCassettes, loadCassette } from './support/cassettes';
import { mailbox, preauthorize, SsoClient } from './support/garmin-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo, mfaUser] = DEMO_ACCOUNTS;
/** The community consumer download: we configure our own consumer and never fetch it. */
const SKIPPED_HOSTS = new Set(['thegarth.s3.amazonaws.com']);
const CASSETTES = ['sso-mobile', 'sso-legacy', 'oauth'].flatMap(listCassettes);

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

  it('covers all three folders', () => {
    expect(CASSETTES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CASSETTES)('%s', async (cassette) => {
    const interactions = loadCassette(cassette).filter((i) => !SKIPPED_HOSTS.has(new URL(i.request.uri).host));
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
