import { LoggedRequest as Logged } from '../src/log/request-log';
import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { BrowserClient, IOS_SERVICE, titleOf } from './support/browser-client';
import { RunningSim, startSim } from './support/sim-harness';

const [demo] = DEMO_ACCOUNTS;
const HOUR = 3600_000;


async function requestsOf(sim: RunningSim, email: string): Promise<Logged[]> {
  return (await fetch(`${sim.url}/__sim/requests/${encodeURIComponent(email)}`)).json() as Promise<Logged[]>;
}

/** Garmin's edge in front of the sign-in routes, in the today (default) profile. */
describe('today profile: the edge', () => {
  let sim: RunningSim;

  beforeEach(async () => {
    sim = await startSim();
  });

  afterEach(() => sim.close());

  it('refuses the Android client id with 429 and no Retry-After, even from a browser', async () => {
    const browser = new BrowserClient(sim, 'chrome');
    const login = await browser.mobileLogin(demo.email, demo.password, 'GCM_ANDROID_DARK', 'https://mobile.integration.garmin.com/gcm/android');
    expect(login.status).toBe(429);
    expect(login.headers.get('retry-after')).toBeNull();
    const page = await browser.request('/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK');
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBeNull();
  });

  it('refuses Node fetch without a browser fingerprint: 429 on mobile, a 403 challenge page on the portal', async () => {
    const plain = new BrowserClient(sim);
    const mobile = await plain.mobileLogin(demo.email, demo.password);
    expect(mobile.status).toBe(429);
    expect(mobile.headers.get('retry-after')).toBeNull();
    const portal = await plain.portalLogin(demo.email, demo.password);
    expect(portal.status).toBe(403);
    expect(portal.headers.get('content-type')).toMatch(/^text\/html/);
    expect(titleOf(portal.text)).toBe('Just a moment...');
    expect(() => JSON.parse(portal.text)).toThrow();
  });

  it.each(['ios18', 'chrome', 'chrome131', 'firefox', 'firefox144'] as const)('lets impit (%s) through the mobile iOS login', async (profile) => {
    const login = await new BrowserClient(sim, profile).mobileLogin(demo.email, demo.password);
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({ responseStatus: { type: 'SUCCESSFUL' }, serviceURL: IOS_SERVICE });
  });

  it('keeps a throttle per account and client, and restarts it on every refused retry', async () => {
    const account = { email: 'slow@fittrack.test', password: 'pw', displayName: 'slow', profileId: 90_001, signIn: { mobile: 'throttled' } };
    expect((await fetch(`${sim.url}/__sim/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })).status).toBe(201);
    const hold = sim.state.config.SIM_SIGN_IN_THROTTLE_S * 1000;
    expect(hold).toBeGreaterThanOrEqual(HOUR);
    const attempt = () => new BrowserClient(sim, 'ios18').mobileLogin(account.email, account.password);

    expect((await attempt()).status).toBe(429);
    // Other accounts and other families are not throttled.
    expect((await new BrowserClient(sim, 'ios18').mobileLogin(demo.email, demo.password)).status).toBe(200);
    expect((await new BrowserClient(sim, 'chrome').portalLogin(account.email, account.password)).status).toBe(200);

    sim.state.clock.advance(hold - 60_000);
    const retry = await attempt(); // within the hold: refused, and the hold starts again
    expect(retry.status).toBe(429);
    expect(retry.headers.get('retry-after')).toBeNull();
    sim.state.clock.advance(hold - 60_000); // past the first hold, not past the restarted one
    expect((await attempt()).status).toBe(429);
    sim.state.clock.advance(hold + 1000); // quiet for a whole hold: it lifts
    expect((await attempt()).status).toBe(200);
  });

  it('changes an account at run time (PATCH /__sim/accounts/:email) and names bad fields', async () => {
    const patch = (body: object) =>
      fetch(`${sim.url}/__sim/accounts/${demo.email}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await patch({ signIn: { portal: 'challenge', mobile: 'throttled' } })).status).toBe(200);
    const portal = await new BrowserClient(sim, 'chrome').portalLogin(demo.email, demo.password);
    expect(portal.status).toBe(403);
    expect(titleOf(portal.text)).toBe('Just a moment...');
    expect((await new BrowserClient(sim, 'ios18').mobileLogin(demo.email, demo.password)).status).toBe(429);

    const accounts = (await (await fetch(`${sim.url}/__sim/accounts`)).json()) as { email: string; signIn: object; throttledUntil: object }[];
    const shown = accounts.find((a) => a.email === demo.email);
    expect(shown?.signIn).toEqual({ portal: 'challenge', mobile: 'throttled' });
    expect(Object.keys(shown?.throttledUntil ?? {})).toEqual(['mobile|GCM_IOS_DARK']);

    // Opening the family again does not lift a throttle in force; clearing it does.
    expect((await patch({ signIn: { mobile: 'open' } })).status).toBe(200);
    expect((await new BrowserClient(sim, 'ios18').mobileLogin(demo.email, demo.password)).status).toBe(429);
    expect((await fetch(`${sim.url}/__sim/accounts/${demo.email}/throttle`, { method: 'DELETE' })).status).toBe(200);
    expect((await new BrowserClient(sim, 'ios18').mobileLogin(demo.email, demo.password)).status).toBe(200);

    const bad = await patch({ signIn: { mobile: 'maybe', fax: 'open' }, diClientIds: ['NOPE'], email: 'x@y.z' });
    expect(bad.status).toBe(400);
    const { message } = (await bad.json()) as { message: string };
    for (const field of ['signIn.mobile', 'signIn.fax', 'diClientIds', 'email']) expect(message).toContain(field);
  });

  it('sets Cloudflare cookies on the sign-in pages', async () => {
    const browser = new BrowserClient(sim, 'chrome');
    for (const path of ['/sso/embed', '/portal/sso/en-US/sign-in?clientId=GarminConnect']) {
      const names = (await new BrowserClient(sim, 'chrome').request(path)).headers.getSetCookie().map((c) => c.split('=')[0]);
      expect(names).toEqual(expect.arrayContaining(['__cf_bm', '__cflb', '_cfuvid']));
    }
    await browser.request('/mobile/sso/en/sign-in?clientId=GCM_IOS_DARK');
    expect(await browser.cookie('_cfuvid')).toBeDefined();
  });

  it('logs each sign-in request per account: route, clientId, fingerprint, status, refusal', async () => {
    await new BrowserClient(sim).mobileLogin(demo.email, demo.password);
    await new BrowserClient(sim, 'ios18').mobileLogin(demo.email, demo.password, 'GCM_ANDROID_DARK');
    await new BrowserClient(sim, 'ios18').mobileLogin(demo.email, demo.password);
    const widget = new BrowserClient(sim, 'chrome');
    await widget.widgetSignIn(demo.email, demo.password);
    const log = await requestsOf(sim, demo.email);
    expect(log.map(({ method, path, clientId, fingerprint, status, refusal }) => ({ method, path, clientId, fingerprint, status, refusal }))).toEqual([
      { method: 'POST', path: '/mobile/api/login', clientId: 'GCM_IOS_DARK', fingerprint: false, status: 429, refusal: 'no-fingerprint' },
      { method: 'POST', path: '/mobile/api/login', clientId: 'GCM_ANDROID_DARK', fingerprint: true, status: 429, refusal: 'android-client' },
      { method: 'POST', path: '/mobile/api/login', clientId: 'GCM_IOS_DARK', fingerprint: true, status: 200, refusal: null },
      // The widget's first GETs name no account: the visitor's Cloudflare cookie ties them to its POST.
      { method: 'GET', path: '/sso/embed', clientId: null, fingerprint: true, status: 200, refusal: null },
      { method: 'GET', path: '/sso/signin', clientId: null, fingerprint: true, status: 200, refusal: null },
      { method: 'POST', path: '/sso/signin', clientId: null, fingerprint: true, status: 200, refusal: null },
    ]);
    expect(log[0].route).toBe('/mobile/api/login');
  });
});
