import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { DI_GRANT, diPost, exchange, MOBILE_SERVICE, oauth1For, oauthFor, preauthorize, signInMobile, ticketFor } from './support/garmin-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo] = DEMO_ACCOUNTS;
const DI_CLIENT = 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2';

const ticket = (sim: RunningSim) => ticketFor(sim, demo.email, demo.password);

const oauth1 = (sim: RunningSim) => oauth1For(sim, demo.email, demo.password);

const diToken = (sim: RunningSim, form: Record<string, string>) => diPost(sim, DI_CLIENT, form);

const profile = (sim: RunningSim, token: string) =>
  fetch(`${sim.url}/userprofile-service/socialProfile`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('OAuth', () => {
  let sim: RunningSim;

  beforeEach(async () => {
    sim = await startSim({ ...PERMISSIVE, SIM_ACCESS_TOKEN_TTL_S: '2' });
  });

  afterEach(() => sim.close());

  it('rejects a preauthorized call signed with the wrong consumer secret', async () => {
    const result = await preauthorize(sim, await ticket(sim), MOBILE_SERVICE, oauthFor(sim, 'not-the-secret'));
    expect(result.status).toBe(401);
    expect(result.text).toContain('OAuthToken is invalid');
  });

  it('rejects an exchange signed with the wrong token secret, or with an unknown token', async () => {
    const token = await oauth1(sim);
    expect((await exchange(sim, { ...token, secret: 'wrong' })).status).toBe(401);
    expect((await exchange(sim, { key: 'unknown', secret: token.secret })).status).toBe(401);
  });

  it('accepts the OAuth parameters in the query string, as garmin-connect sends them', async () => {
    const token = await oauth1(sim);
    const base = `${sim.url}/oauth-service/oauth/exchange/user/2.0`;
    const oauth = oauthFor(sim);
    const params = oauth.authorize({ url: base, method: 'POST' }, token);
    const response = await fetch(`${base}?${new URLSearchParams(params as unknown as Record<string, string>)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toHaveProperty('access_token');
  });

  it('mints a new Bearer on every exchange, each expiring after its TTL with the Garmin challenge', async () => {
    const token = await oauth1(sim);
    const a = (await exchange(sim, token)).body as {
      access_token: string;
      expires_in: number;
    };
    const b = (await exchange(sim, token)).body as { access_token: string };
    expect(a.access_token).not.toBe(b.access_token);
    expect(a.expires_in).toBe(2);
    expect(sim.state.credentials.resolveBearer(a.access_token)).toBeDefined();
    sim.state.clock.advance(2500);
    expect(sim.state.credentials.resolveBearer(a.access_token)).toBeUndefined();
    const response = await profile(sim, a.access_token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="Token is not active"');
  });

  it('signs in end to end through the mobile flow', async () => {
    const bearer = await signInMobile(sim, demo.email, demo.password);
    expect(sim.state.credentials.resolveBearer(bearer)?.profileId).toBe(demo.profileId);
  });

  it('issues DI tokens for a service ticket, bound to its service', async () => {
    expect(
      (
        await diToken(sim, {
          grant_type: DI_GRANT,
          service_ticket: await ticket(sim),
          service_url: 'https://other',
        })
      ).status,
    ).toBe(400);
    const issued = await diToken(sim, {
      grant_type: DI_GRANT,
      service_ticket: await ticket(sim),
      service_url: MOBILE_SERVICE,
    });
    expect(issued.status).toBe(200);
    const payload = JSON.parse(Buffer.from(issued.body['access_token'].split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({
      client_id: DI_CLIENT,
      exp: expect.any(Number),
    });
    expect(Object.keys(issued.body).sort()).toEqual(
      ['access_token', 'expires_in', 'jti', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type'].sort(),
    );
    expect(issued.body['refresh_token']).toEqual(expect.any(String));
  });

  it('rotates DI refresh tokens, and a reused one revokes the whole login', async () => {
    const first = await diToken(sim, {
      grant_type: DI_GRANT,
      service_ticket: await ticket(sim),
      service_url: MOBILE_SERVICE,
    });
    const second = await diToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.body['refresh_token'],
    });
    expect(second.status).toBe(200);
    expect(second.body['refresh_token']).not.toBe(first.body['refresh_token']);
    expect(sim.state.credentials.resolveBearer(second.body['access_token'])).toBeDefined();

    const otherLogin = await diToken(sim, {
      grant_type: DI_GRANT,
      service_ticket: await ticket(sim),
      service_url: MOBILE_SERVICE,
    });

    const replay = await diToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.body['refresh_token'],
    });
    expect(replay).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(sim.state.credentials.resolveBearer(first.body['access_token'])).toBeUndefined();
    expect(sim.state.credentials.resolveBearer(second.body['access_token'])).toBeUndefined();
    expect(sim.state.credentials.resolveBearer(otherLogin.body['access_token'])).toBeDefined(); // another sign-in, another family
    const afterRevocation = await diToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: second.body['refresh_token'],
    });
    expect(afterRevocation.status).toBe(400);
  });

  it('refuses an unknown DI client', async () => {
    const response = await fetch(`${sim.url}/di-oauth2-service/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('SOMEONE:').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    expect(response.status).toBe(401);
  });
});
