import { DI_CLIENT_IDS } from '../src/state/account-behaviour';
import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { BrowserClient, IOS_SERVICE, PORTAL_SERVICE } from './support/browser-client';
import { DI_GRANT, diPost } from './support/garmin-client';
import { RunningSim, startSim } from './support/sim-harness';

const [demo] = DEMO_ACCOUNTS;
const [Q2, Q4, ANDROID, IOS] = DI_CLIENT_IDS;

const account = (email: string, profileId: number, extra: object = {}) => ({
  email,
  password: 'pw',
  displayName: email.split('@')[0].replace(/[^a-z]/g, '_'),
  profileId,
  ...extra,
});
const ACCOUNTS = [
  ...DEMO_ACCOUNTS,
  account('ios-only@fittrack.test', 90_201, { diClientIds: [IOS] }),
  account('no-di@fittrack.test', 90_202, { diClientIds: [] }),
  account('keeps-refresh@fittrack.test', 90_203, { diRotateRefreshToken: false }),
  account('inactive@fittrack.test', 90_204, { tokenNotActive: { via: ['mobile'] } }),
];

const jwtPayload = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

/** The DI token endpoint, the token check and the JWT_WEB web session, in the today profile. */
describe('today profile: tokens', () => {
  let sim: RunningSim;

  beforeAll(async () => {
    sim = await startSim({}, ACCOUNTS as never);
  });

  afterAll(() => sim.close());

  const mobileTicket = async (email: string, password = 'pw') =>
    (await new BrowserClient(sim, 'ios18').mobileLogin(email, password)).json<{ serviceTicketId: string }>().serviceTicketId;
  const exchange = (clientId: string, ticket: string, service = IOS_SERVICE) =>
    diPost(sim, clientId, { service_ticket: ticket, grant_type: DI_GRANT, service_url: service });
  const profile = (headers: Record<string, string>, path = '/userprofile-service/socialProfile') => fetch(`${sim.url}${path}`, { headers });

  it('answers the DI exchange with only what pgc reads: a JWT with exp and client_id, and a refresh token', async () => {
    const { status, body } = await exchange(Q2, await mobileTicket(demo.email, demo.password));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['access_token', 'refresh_token']);
    expect(jwtPayload(body.access_token)).toMatchObject({ client_id: Q2, exp: expect.any(Number) });
  });

  it('accepts only the account\'s client ids, without burning the ticket on the refused ones', async () => {
    const ticket = await mobileTicket('ios-only@fittrack.test');
    for (const refused of [Q2, Q4, ANDROID]) expect((await exchange(refused, ticket)).status).toBe(401);
    const accepted = await exchange(IOS, ticket);
    expect(accepted.status).toBe(200);
    expect(jwtPayload(accepted.body.access_token)['client_id']).toBe(IOS);
  });

  it('answers a refresh without refresh_token for an account that does not rotate, and the old one keeps working', async () => {
    const first = (await exchange(Q2, await mobileTicket('keeps-refresh@fittrack.test'))).body;
    const refresh = { grant_type: 'refresh_token', refresh_token: first.refresh_token };
    for (let i = 0; i < 2; i++) {
      const again = await diPost(sim, Q2, refresh);
      expect(again.status).toBe(200);
      expect(Object.keys(again.body)).toEqual(['access_token']);
      expect((await profile({ authorization: `Bearer ${again.body.access_token}` })).status).toBe(200);
    }
  });

  it('refuses a valid DI bearer as "Token is not active" for the switched account, but not one minted through the widget', async () => {
    const bearer = (await exchange(Q2, await mobileTicket('inactive@fittrack.test'))).body.access_token;
    const refused = await profile({ authorization: `Bearer ${bearer}` });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="Token is not active"');

    const widget = new BrowserClient(sim, 'chrome');
    const success = await widget.widgetSignIn('inactive@fittrack.test', 'pw');
    const ticket = /\?ticket=(ST-[^"&\s]+)/.exec(success.text)?.[1] ?? '';
    const viaWidget = (await exchange(Q2, ticket, `${sim.url}/sso/embed`)).body.access_token;
    expect((await profile({ authorization: `Bearer ${viaWidget}` })).status).toBe(200);
  });

  it('falls back to the JWT_WEB cookie session when every DI client id fails', async () => {
    const browser = new BrowserClient(sim, 'chrome');
    const login = (await browser.portalLogin('no-di@fittrack.test', 'pw')).json<{ serviceTicketId: string }>();
    for (const clientId of DI_CLIENT_IDS) expect((await exchange(clientId, login.serviceTicketId, PORTAL_SERVICE)).status).toBe(401);

    const consumed = await browser.request(`/app?ticket=${login.serviceTicketId}`);
    expect(consumed.status).toBe(302);
    const jwtWeb = await browser.cookie('JWT_WEB');
    expect(jwtWeb).toBeDefined();
    expect(jwtPayload(jwtWeb ?? '')).toMatchObject({ exp: expect.any(Number) });

    // pgc's cookie headers (client.py:460-471), on the connectapi path and under the web proxies.
    const headers = { cookie: `JWT_WEB=${jwtWeb}`, nk: 'NT', 'di-backend': 'connectapi.garmin.com', accept: 'application/json' };
    for (const prefix of ['', '/gc-api', '/modern/proxy']) {
      const answer = await profile(headers, `${prefix}/userprofile-service/socialProfile`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ displayName: 'no_di' });
    }
    const summary = await profile(headers, `/gc-api/usersummary-service/usersummary/daily/no_di?calendarDate=${new Date().toISOString().slice(0, 10)}`);
    expect(summary.status).toBe(200);
    expect((await profile({ cookie: `JWT_WEB=${jwtWeb}` })).status).toBe(401); // no NK: NT

    const refreshed = await browser.request('/services/auth/token/di-oauth/refresh', { method: 'POST', headers: { nk: 'NT', accept: 'application/json' } });
    expect(refreshed.status).toBe(200);
    const renewed = await browser.cookie('JWT_WEB');
    expect(renewed).not.toBe(jwtWeb);
    expect((await profile({ ...headers, cookie: `JWT_WEB=${renewed}` })).status).toBe(200);
    expect((await browser.request(`/app?ticket=${login.serviceTicketId}`)).status).toBe(200); // a ticket works once
  });

  it("answers with Garmin's recorded 404s", async () => {
    const bearer = (await exchange(Q2, await mobileTicket(demo.email, demo.password))).body.access_token;
    const unknown = await profile({ authorization: `Bearer ${bearer}` }, '/no-such-service/thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await unknown.text()).toContain('<title>Not Found</title>');
    const missing = await profile({ authorization: `Bearer ${bearer}` }, '/activity-service/activity/1');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'HTTP 404 Not Found', error: 'NotFoundException' });
  });
});
