import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { DI_GRANT, diPost, exchange, MOBILE_SERVICE, oauth1For, oauthFor, preauthorize, ticketFor } from './support/garmin-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo] = DEMO_ACCOUNTS;
const DI_CLIENT = 'GARMIN_CONNECT_MOBILE_IOS_DI';

const ticket = (sim: RunningSim) => ticketFor(sim, demo.email, demo.password);

const oauth1 = (sim: RunningSim) => oauth1For(sim, demo.email, demo.password);

async function diLogin(sim: RunningSim) {
  const form = {
    client_id: DI_CLIENT,
    grant_type: DI_GRANT,
    service_ticket: await ticket(sim),
    service_url: MOBILE_SERVICE,
  };
  return (await diPost(sim, DI_CLIENT, form)).body;
}

const refresh = (sim: RunningSim, token: string) =>
  diPost(sim, DI_CLIENT, {
    client_id: DI_CLIENT,
    grant_type: 'refresh_token',
    refresh_token: token,
  });

describe('OAuth credential lifetime', () => {
  let sim: RunningSim;

  afterEach(() => sim.close());

  it('answers 401 "OAuthToken is invalid" once the OAuth1 token expired', async () => {
    sim = await startSim({ ...PERMISSIVE, SIM_OAUTH1_TOKEN_TTL_S: '60' });
    const token = await oauth1(sim);
    expect((await exchange(sim, token)).status).toBe(200);
    sim.state.clock.advance(61_000);
    const late = await exchange(sim, token);
    expect(late.status).toBe(401);
    expect(late.body).toContain('OAuthToken is invalid');
  });

  it('expires DI refresh tokens after their TTL', async () => {
    sim = await startSim({ ...PERMISSIVE, SIM_REFRESH_TOKEN_TTL_S: '120' });
    const login = await diLogin(sim);
    sim.state.clock.advance(121_000);
    expect(await refresh(sim, login['refresh_token'])).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('expireBearers forces a refresh but keeps the OAuth1 and refresh tokens', async () => {
    sim = await startSim(PERMISSIVE);
    const token = await oauth1(sim);
    const bearer = (await exchange(sim, token)).body as {
      access_token: string;
    };
    const login = await diLogin(sim);
    sim.state.credentials.expireBearers(demo.profileId);
    expect(sim.state.credentials.resolveBearer(bearer.access_token)).toBeUndefined();
    expect(sim.state.credentials.resolveBearer(login['access_token'])).toBeUndefined();
    expect((await exchange(sim, token)).status).toBe(200);
    expect((await refresh(sim, login['refresh_token'])).status).toBe(200);
  });

  it.each(['expireAccount', 'revokeAccount'] as const)('%s ends every credential: Bearer, OAuth1 and DI refresh', async (fault) => {
    sim = await startSim(PERMISSIVE);
    const token = await oauth1(sim);
    const bearer = (await exchange(sim, token)).body as {
      access_token: string;
    };
    const login = await diLogin(sim);
    sim.state.credentials[fault](demo.profileId);
    expect(sim.state.credentials.resolveBearer(bearer.access_token)).toBeUndefined();
    expect(sim.state.credentials.resolveBearer(login['access_token'])).toBeUndefined();
    const exchanged = await exchange(sim, token);
    expect(exchanged.status).toBe(401);
    expect(exchanged.body).toContain('OAuthToken is invalid');
    expect(await refresh(sim, login['refresh_token'])).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    // a new sign-in works again
    expect((await exchange(sim, await oauth1(sim))).status).toBe(200);
  });

  it('skips signature checks when SIM_VERIFY_SIGNATURES is off, and enforces them when on', async () => {
    sim = await startSim({ ...PERMISSIVE, SIM_VERIFY_SIGNATURES: 'false' });
    const lax = await preauthorize(sim, await ticket(sim), MOBILE_SERVICE, oauthFor(sim, 'not-the-secret'));
    expect(lax.status).toBe(200);
    await sim.close();
    sim = await startSim(PERMISSIVE);
    const strict = await preauthorize(sim, await ticket(sim), MOBILE_SERVICE, oauthFor(sim, 'not-the-secret'));
    expect(strict.status).toBe(401);
  });

  it('rejects a preauthorized call from an unknown consumer without burning the ticket', async () => {
    sim = await startSim(PERMISSIVE);
    const st = await ticket(sim);
    const OAuth = (await import('oauth-1.0a')).default;
    const { createHmac } = await import('node:crypto');
    const stranger = new OAuth({
      consumer: {
        key: 'someone-else',
        secret: sim.state.config.SIM_OAUTH_CONSUMER_SECRET,
      },
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
    expect((await preauthorize(sim, st, MOBILE_SERVICE, stranger)).status).toBe(401);
    expect((await preauthorize(sim, st)).status).toBe(200);
  });
});
