import { DEMO_ACCOUNTS, LOCK_AFTER_FAILED_LOGINS } from '../src/state/accounts';
import { MFA_CODE_TTL_MS } from '../src/sso/mfa-codes';
import { mailbox, preauthorize } from './support/garmin-client';
import { html, LegacyClient, legacyService, signinQuery } from './support/legacy-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo, mfaUser] = DEMO_ACCOUNTS;
/** garmin-connect npm's regexes (HttpClient.js), bugs included. */
const NPM_TICKET_RE = /ticket=([^"]+)"/;
const NPM_LOCKED_RE = /var statuss*=s*"([^"]*)"/;

describe('legacy HTML sign-in', () => {
  let sim: RunningSim;

  beforeEach(async () => {
    sim = await startSim(PERMISSIVE);
  });

  afterEach(() => sim.close());

  it('serves the embed page and a sign-in form with a ~100 hex CSRF token and session cookies', async () => {
    const client = new LegacyClient(sim);
    expect(html.title((await client.get('/sso/embed')).text)).toBe('GAuth Embedded Version');
    const form = await client.get(`/sso/signin?${signinQuery(sim)}`);
    expect(form.status).toBe(200);
    expect(html.title(form.text)).toBe('GARMIN Authentication Application');
    expect(html.csrf(form.text)).toMatch(/^[0-9A-F]{100}$/);
    expect(form.setCookies.map((c) => c.split('=')[0])).toEqual(expect.arrayContaining(['SESSION', '__VCAP_ID__']));
    expect(NPM_LOCKED_RE.test(form.text)).toBe(false);
  });

  it('answers Success with an escaped response_url whose ticket is bound to the service', async () => {
    const result = await new LegacyClient(sim).signIn(demo.email, demo.password);
    expect(result.status).toBe(200);
    expect(html.title(result.text)).toBe('Success');
    const escaped = legacyService(sim).replace(/\//g, '\\/');
    expect(result.text).toContain(`var response_url                 \t  = "${escaped}?ticket=ST-`);
    const ticket = html.ticket(result.text) ?? '';
    expect(ticket).toMatch(/^ST-\d{7}-[A-Za-z0-9]{20}-cas$/);
    expect(NPM_TICKET_RE.exec(result.text)?.[1]).toBe(ticket);
    expect(/\?ticket=(ST-[^"&\s]+)/.exec(result.text)?.[1]).toBe(ticket); // python-garminconnect
    expect(result.setCookies.map((c) => c.split('=')[0])).toEqual(expect.arrayContaining(['CASTGC', 'GARMIN-SSO']));

    const pre = await preauthorize(sim, ticket, legacyService(sim));
    expect(pre.status).toBe(200);
    expect(Object.keys(pre.fields).sort()).toEqual(['oauth_token', 'oauth_token_secret']);
  });

  it('accepts a multipart POST without cookies, matched by its CSRF token (garmin-connect)', async () => {
    const form = await fetch(`${sim.url}/sso/signin?id=gauth-widget&embedWidget=true&locale=en`);
    const csrf = html.csrf(await form.text()) ?? '';
    const post = () => {
      const body = new FormData();
      for (const [k, v] of Object.entries({
        username: demo.email,
        password: demo.password,
        embed: 'true',
        _csrf: csrf,
      }))
        body.append(k, v);
      return fetch(`${sim.url}/sso/signin?${signinQuery(sim)}`, {
        method: 'POST',
        body,
      });
    };
    const first = await post();
    expect(first.status).toBe(200);
    expect(NPM_TICKET_RE.exec(await first.text())?.[1]).toMatch(/^ST-.*-cas$/);
    expect((await post()).status).toBe(403); // the token was used up
  });

  it("rejects a CSRF token that is not the session's", async () => {
    const client = new LegacyClient(sim);
    await client.get(`/sso/signin?${signinQuery(sim)}`);
    const other = html.csrf((await new LegacyClient(sim).get(`/sso/signin?${signinQuery(sim)}`)).text) ?? '';
    const result = await client.postForm(`/sso/signin?${signinQuery(sim)}`, {
      username: demo.email,
      password: demo.password,
      embed: 'true',
      _csrf: other,
    });
    expect(result.status).toBe(403);
  });

  it('answers 401 with the error div and a fresh token, the same for an unknown email', async () => {
    const wrong = await new LegacyClient(sim).signIn(demo.email, 'nope');
    const unknown = await new LegacyClient(sim).signIn('nobody@fittrack.test', 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('<div id="status" class="error">Invalid sign in. (Passwords are case sensitive.)</div>');
    expect(html.csrf(wrong.text)).toMatch(/^[0-9A-F]{100}$/);
    const withoutCsrf = (p: string) => p.replace(/value="[0-9A-F]{100}"/, '');
    expect(unknown.status).toBe(401);
    expect(withoutCsrf(unknown.text)).toBe(withoutCsrf(wrong.text));
  });

  it('locks after repeated wrong passwords in a way garmin-connect and python-garminconnect detect', async () => {
    for (let i = 0; i < LOCK_AFTER_FAILED_LOGINS; i++) await new LegacyClient(sim).signIn(demo.email, 'nope');
    const locked = await new LegacyClient(sim).signIn(demo.email, demo.password);
    expect(html.title(locked.text)).toMatch(/locked/i);
    expect(NPM_LOCKED_RE.exec(locked.text)?.[1]).toBe('ACCOUNT_LOCKED');
    expect(html.ticket(locked.text)).toBeUndefined();
  });

  it('does not sign in while a captcha is required', async () => {
    const account = sim.state.accounts.findByEmail(demo.email);
    if (account) account.captchaRequired = true;
    const result = await new LegacyClient(sim).signIn(demo.email, demo.password);
    expect(NPM_LOCKED_RE.exec(result.text)?.[1]).toBe('CAPTCHA_REQUIRED');
    expect(html.ticket(result.text)).toBeUndefined();
  });

  it('redirects to the MFA page, rejects a wrong code, then logs in through /sso/login', async () => {
    const client = new LegacyClient(sim);
    const redirect = await client.signIn(mfaUser.email, mfaUser.password);
    expect(redirect.status).toBe(302);
    expect(redirect.location).toBe(`${sim.url}/sso/verifyMFA/loginEnterMfaCode?${signinQuery(sim)}`);

    const mfaPage = await client.get(`/sso/verifyMFA/loginEnterMfaCode?${signinQuery(sim)}`);
    expect(html.title(mfaPage.text)).toBe('Enter MFA code for login');
    expect(mfaPage.text).toContain('var codeSentTo = "mf*****@fittrack.test";');
    const code = await mailbox(sim, mfaUser.email);

    const wrong = await client.submitMfa(redirect, code === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(200);
    expect(html.title(wrong.text)).toBe('Enter MFA code for login');
    expect(wrong.text).toContain('<div id="invalidCode" class="error">Invalid code. Please enter a valid code.</div>');

    const right = await client.submitMfa(redirect, code);
    expect(right.status).toBe(302);
    const location = new URL(right.location ?? '');
    expect(location.pathname).toBe('/sso/login');
    expect(location.searchParams.get('logintoken')).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(location.searchParams.get('service')).toBe(legacyService(sim));

    const success = await client.get(location.pathname + location.search);
    expect(html.title(success.text)).toBe('Success');
    const ticket = html.ticket(success.text) ?? '';
    expect((await client.get(location.pathname + location.search)).status).toBe(403); // logintoken is single use

    const pre = await preauthorize(sim, ticket, legacyService(sim));
    expect(pre.fields['mfa_token']).toMatch(/^MFA-\d{4}-.+-cas$/);
  });

  it('kills the MFA step when the code expired', async () => {
    const client = new LegacyClient(sim);
    const redirect = await client.signIn(mfaUser.email, mfaUser.password);
    const code = await mailbox(sim, mfaUser.email);
    sim.state.clock.advance(MFA_CODE_TTL_MS + 1000);
    const late = await client.submitMfa(redirect, code);
    expect(late.text).toContain('id="invalidCode"');
    const again = await client.get(`/sso/verifyMFA/loginEnterMfaCode?${signinQuery(sim)}`);
    expect(again.status).toBe(302);
    expect(again.location).toBe(`${sim.url}/sso/signin?${signinQuery(sim)}`);
  });

  it('resends a code on POST /sso/verifyMFA/mfaCode', async () => {
    const client = new LegacyClient(sim);
    const redirect = await client.signIn(mfaUser.email, mfaUser.password);
    const first = (await (await fetch(`${sim.url}/__sim/mfa/${mfaUser.email}`)).json()) as { sentAt: string };
    sim.state.clock.advance(1000);
    const resend = await client.fetch('/sso/verifyMFA/mfaCode?clientId=GarminConnect', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customerGuid: 'x',
        mfaMethod: 'email',
        locale: 'en',
      }),
    });
    expect(resend.status).toBe(200);
    const second = (await (await fetch(`${sim.url}/__sim/mfa/${mfaUser.email}`)).json()) as { sentAt: string; code: string };
    expect(second.sentAt).not.toBe(first.sentAt);
    expect((await client.submitMfa(redirect, second.code)).status).toBe(302);
  });
});
