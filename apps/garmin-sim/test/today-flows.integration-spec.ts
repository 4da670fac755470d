import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { MFA_MAX_ATTEMPTS } from '../src/sso/mfa-codes';
import { BrowserClient, PORTAL_SERVICE, ticketOf, titleOf, widgetVars } from './support/browser-client';
import { mailbox } from './support/garmin-client';
import { RunningSim, startSim } from './support/sim-harness';

const [demo, mfaUser] = DEMO_ACCOUNTS;

const WIDGET_ONLY = {
  email: 'widget-only@fittrack.test',
  password: 'widget-pw',
  displayName: 'widget_only',
  profileId: 90_101,
  mfa: 'email',
  signIn: { mobile: 'throttled', portal: 'throttled' },
};
const ALL_THROTTLED = {
  email: 'throttled@fittrack.test',
  password: 'throttled-pw',
  displayName: 'all_throttled',
  profileId: 90_102,
  signIn: { mobile: 'throttled', widget: 'throttled', portal: 'throttled' },
};

/** The three sign-in flows of the today profile, as pgc 0.3.12 drives them. */
describe('today profile: sign-in flows', () => {
  let sim: RunningSim;

  beforeEach(async () => {
    sim = await startSim({}, [...DEMO_ACCOUNTS, WIDGET_ONLY, ALL_THROTTLED] as never);
  });

  afterEach(() => sim.close());

  it('links an account only the widget can link, with the code sent only when requested', async () => {
    expect((await new BrowserClient(sim, 'ios18').mobileLogin(WIDGET_ONLY.email, WIDGET_ONLY.password)).status).toBe(429);
    expect((await new BrowserClient(sim, 'chrome').portalLogin(WIDGET_ONLY.email, WIDGET_ONLY.password)).status).toBe(429);

    const browser = new BrowserClient(sim, 'chrome');
    const page = await browser.widgetSignIn(WIDGET_ONLY.email, WIDGET_ONLY.password);
    expect(titleOf(page.text)).toBe('Enter MFA code for login');
    const vars = widgetVars(page.text);
    expect(vars).toMatchObject({ mfaMethod: 'email', customerGuid: expect.any(String) });
    expect(vars['codeSentTo']).toBeUndefined(); // pgc GH-386: the page came before the code
    expect((await fetch(`${sim.url}/__sim/mfa/${WIDGET_ONLY.email}`)).status).toBe(404);

    // A code entered before one was asked for cannot match: the same page comes back, the sign-in lives on.
    const early = await browser.submitWidgetCode(page.text, '123456');
    expect(titleOf(early.text)).toBe('Enter MFA code for login');
    const asked = await browser.requestWidgetCode(page.text);
    expect(asked.status).toBe(200);
    const code = await mailbox(sim, WIDGET_ONLY.email);
    const success = await browser.submitWidgetCode(page.text, code);
    expect(titleOf(success.text)).toBe('Success');
    expect(ticketOf(success.text)).toMatch(/^ST-/);
  });

  it('shows a TOTP account the MFA page with its method and no code to request', async () => {
    const totp = { email: 'totp@fittrack.test', password: 'pw', displayName: 'totp', profileId: 90_103, mfa: 'totp' };
    await fetch(`${sim.url}/__sim/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(totp) });
    const browser = new BrowserClient(sim, 'chrome');
    const page = await browser.widgetSignIn(totp.email, totp.password);
    expect(widgetVars(page.text)).toMatchObject({ mfaMethod: 'totp' });
    expect(widgetVars(page.text)['codeSentTo']).toBeUndefined();
    expect(titleOf((await browser.submitWidgetCode(page.text, await mailbox(sim, totp.email))).text)).toBe('Success');
  });

  it('refuses every strategy of an all-throttled account with 429s and no Retry-After', async () => {
    await sim.close();
    sim = await startSim({ SIM_UNFINGERPRINTED: 'throttled' }, [ALL_THROTTLED] as never);
    const answers = [
      await new BrowserClient(sim, 'ios18').mobileLogin(ALL_THROTTLED.email, ALL_THROTTLED.password),
      await new BrowserClient(sim).mobileLogin(ALL_THROTTLED.email, ALL_THROTTLED.password),
      await new BrowserClient(sim, 'chrome').widgetSignIn(ALL_THROTTLED.email, ALL_THROTTLED.password),
      await new BrowserClient(sim, 'chrome').portalLogin(ALL_THROTTLED.email, ALL_THROTTLED.password),
      await new BrowserClient(sim).portalLogin(ALL_THROTTLED.email, ALL_THROTTLED.password),
    ];
    expect(answers.map((a) => a.status)).toEqual([429, 429, 429, 429, 429]);
    expect(answers.every((a) => a.headers.get('retry-after') === null)).toBe(true);
  });

  it('signs in through the portal, with MFA verified at either endpoint', async () => {
    const plain = await new BrowserClient(sim, 'chrome').portalLogin(demo.email, demo.password);
    expect(plain.json()).toMatchObject({ responseStatus: { type: 'SUCCESSFUL' }, serviceURL: PORTAL_SERVICE });

    const mfa = new BrowserClient(sim, 'firefox');
    const login = await mfa.portalLogin(mfaUser.email, mfaUser.password);
    expect(login.json()).toMatchObject({ responseStatus: { type: 'MFA_REQUIRED' } });
    const verified = await mfa.verify('mobile', await mailbox(sim, mfaUser.email)); // pgc's fallback endpoint
    expect(verified.json()).toMatchObject({ responseStatus: { type: 'SUCCESSFUL' }, serviceURL: PORTAL_SERVICE });
  });

  it('charges one wrong guess once, though pgc posts it to both verify endpoints; failures name nothing', async () => {
    const browser = new BrowserClient(sim, 'ios18');
    await browser.mobileLogin(mfaUser.email, mfaUser.password);
    const code = await mailbox(sim, mfaUser.email);
    const guess = (i: number) => String((Number(code) + i) % 1_000_000).padStart(6, '0');
    for (let i = 1; i < MFA_MAX_ATTEMPTS; i++) {
      const first = await browser.verify('mobile', guess(i));
      const fallback = await browser.verify('portal', guess(i));
      for (const answer of [first, fallback]) {
        expect(answer.status).toBe(401);
        expect(answer.json()).toEqual({});
      }
    }
    // MFA_MAX_ATTEMPTS - 1 guesses, each sent twice: one attempt is left, and the right code works.
    expect((await browser.verify('mobile', code)).json()).toMatchObject({ responseStatus: { type: 'SUCCESSFUL' } });
  });
});
