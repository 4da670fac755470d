import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GarminError, GarminErrorCode } from '../../errors';
import { FakeGarmin, happyGarmin, HOSTS, NOW_MS, testConfig } from '../../../test/support/fake-garmin';
import { GarminAuthenticator } from '../garmin-authenticator';
import { csrfOf, mfaVarsOf, ticketOf, widgetVerdict } from './widget-page';

const page = (title: string, body = '') => `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;
const MFA_VARS = 'var customerGuid = "guid-1";\n var mfaMethod = "email";\n var locale = "";\n var clientId = "";\n';

/** garth's recording of the real widget MFA page (2023-08), from the shared fixtures. */
function recordedMfaPage(): string | undefined {
  try {
    const file = join(__dirname, '../../../../../../shared/garmin-fixtures/sso-legacy/login_success_mfa.yaml');
    const { interactions } = parse(readFileSync(file, 'utf8')) as { interactions: { request: { method: string; uri: string }; response: { body: { string: string } } }[] };
    return interactions.find((i) => i.request.method === 'GET' && i.request.uri.includes('loginEnterMfaCode'))?.response.body.string;
  } catch {
    return undefined;
  }
}

describe('reading the widget’s pages (python-garminconnect’s title rules)', () => {
  it.each([
    ['Bad Gateway', 'edge'],
    ['Attention Required! | Cloudflare', 'edge'],
    ['503 Service Unavailable', 'edge'],
    ['Account Locked', 'credentials'],
    ['Invalid sign in', 'credentials'],
    ['Incorrect password', 'credentials'],
    ['Account Error', 'credentials'],
    ['Unable to sign in', 'restricted'],
    ['Enter MFA code for login', 'mfa'],
    ['Success', 'success'],
    ['GARMIN Authentication Application', 'unexpected'],
  ])('"%s" is %s', (title, kind) => {
    expect(widgetVerdict(page(title)).kind).toBe(kind);
  });

  it('an "authentication application" page is MFA only with its inline mfaMethod', () => {
    expect(widgetVerdict(page('GARMIN Authentication Application', `<script>${MFA_VARS}</script>`))).toMatchObject({ kind: 'mfa', vars: { mfaMethod: 'email', customerGuid: 'guid-1' } });
  });

  it('finds the ticket and the CSRF token', () => {
    const success = page('Success', '<script>var response_url = "https:\\/\\/sso.garmin.com\\/sso\\/embed?ticket=ST-0123-abc-cas";</script>');
    expect(widgetVerdict(success)).toEqual({ kind: 'success', ticket: 'ST-0123-abc-cas' });
    expect(ticketOf('no ticket')).toBeUndefined();
    expect(csrfOf('<input type="hidden" name="_csrf"            value="ABC123" />')).toBe('ABC123');
  });

  it('reads the recorded MFA page: title, vars, CSRF', () => {
    const html = recordedMfaPage();
    if (!html) return; // the shared fixtures are not on this machine
    expect(widgetVerdict(html).kind).toBe('mfa');
    expect(mfaVarsOf(html)).toMatchObject({ mfaMethod: 'email', codeSentTo: 'mt*****@gmail.com' });
    expect(csrfOf(html)).toMatch(/^[0-9A-F]{20,}$/);
  });
});

describe('the widget strategy', () => {
  const SIGNIN = page('GARMIN Authentication Application', '<input type="hidden" name="_csrf" value="CSRF-1" />');
  const mfaPage = (codeSentTo: string) =>
    page('Enter MFA code for login', `<script>${MFA_VARS} var codeSentTo = "${codeSentTo}";</script><input type="hidden" name="_csrf" value="CSRF-MFA" />`);

  function widgetGarmin(codeSentTo = ''): FakeGarmin {
    return happyGarmin()
      .on(`GET ${HOSTS.sso}/sso/embed`, { body: page('GAuth Embedded Version'), setCookie: ['__cf_bm=cf; Path=/'] })
      .on(`GET ${HOSTS.sso}/sso/signin`, { body: SIGNIN, setCookie: ['SESSION=w1; Path=/'] })
      .on(`POST ${HOSTS.sso}/sso/signin`, { status: 302, headers: { location: `https://${HOSTS.sso}/sso/verifyMFA/loginEnterMfaCode?id=gauth-widget` } })
      .on(`GET ${HOSTS.sso}/sso/verifyMFA/loginEnterMfaCode`, { body: mfaPage(codeSentTo) })
      .on(`POST ${HOSTS.sso}/sso/verifyMFA/mfaCode`, { body: { mfaMethod: 'email' } })
      .on(`POST ${HOSTS.sso}/sso/verifyMFA/loginEnterMfaCode`, { status: 302, headers: { location: `https://${HOSTS.sso}/sso/login?logintoken=t1` } })
      .on(`GET ${HOSTS.sso}/sso/login`, { body: page('Success', '<script>var response_url = "https:\\/\\/sso.garmin.com\\/sso\\/embed?ticket=ST-42-cas";</script>') });
  }
  const authWith = (fake: FakeGarmin) =>
    new GarminAuthenticator(testConfig({ strategies: ['widget'], widgetPauseMs: [3000, 8000] }), { transports: fake.transports, now: () => NOW_MS, sleep: async () => undefined });

  it('embed, sign-in page, pause, form POST; asks for the email code; completes by form on another authenticator', async () => {
    const fake = widgetGarmin();
    const started = await authWith(fake).start('runner@example.com', 'pw-secret');
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    expect(started.pending).toMatchObject({ strategy: 'widget', method: 'email', params: { profile: 'chrome', csrf: 'CSRF-MFA' } });
    const [post] = fake.sent(`POST ${HOSTS.sso}/sso/signin`);
    expect(Object.fromEntries(post.form)).toEqual({ username: 'runner@example.com', password: 'pw-secret', embed: 'true', _csrf: 'CSRF-1' });
    expect(Object.fromEntries(post.url.searchParams)).toMatchObject({ gauthHost: 'https://sso.garmin.com/sso/embed', service: 'https://sso.garmin.com/sso/embed' });
    expect(post.cookie).toContain('SESSION=w1');
    const [ask] = fake.sent(`POST ${HOSTS.sso}/sso/verifyMFA/mfaCode`);
    expect(ask.json).toEqual({ customerGuid: 'guid-1', mfaMethod: 'email', locale: '' });

    const done = await authWith(fake).complete(JSON.parse(JSON.stringify(started.pending)), '123456');
    expect(done).toMatchObject({ via: 'widget', session: { dialect: 'mobile+di' } });
    const [verify] = fake.sent(`POST ${HOSTS.sso}/sso/verifyMFA/loginEnterMfaCode`);
    expect(Object.fromEntries(verify.form)).toEqual({ 'mfa-code': '123456', embed: 'true', _csrf: 'CSRF-MFA', fromPage: 'setupEnterMfaCode' });
    expect(verify.cookie).toContain('SESSION=w1');
    expect(fake.sent(`POST ${HOSTS.diauth}`)[0].form.get('service_url')).toBe('https://sso.garmin.com/sso/embed');
  });

  it('does not ask for a code the page says was sent', async () => {
    const fake = widgetGarmin('r*****@example.com');
    await authWith(fake).start('runner@example.com', 'pw');
    expect(fake.sent(`POST ${HOSTS.sso}/sso/verifyMFA/mfaCode`)).toHaveLength(0);
  });

  it('a page without Success after the code is GARMIN_INVALID_MFA_CODE', async () => {
    const fake = widgetGarmin().on(`POST ${HOSTS.sso}/sso/verifyMFA/loginEnterMfaCode`, { body: mfaPage('x') });
    const auth = authWith(fake);
    const started = await auth.start('runner@example.com', 'pw');
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    await expect(auth.complete(started.pending, '000000')).rejects.toMatchObject({ code: GarminErrorCode.InvalidMfaCode });
  });

  it('a signed-in page gives the ticket directly; a credentials title stops', async () => {
    const fake = widgetGarmin().on(`POST ${HOSTS.sso}/sso/signin`, { body: page('Success', '"https://sso.garmin.com/sso/embed?ticket=ST-43-cas"') });
    expect(await authWith(fake).start('runner@example.com', 'pw')).toMatchObject({ kind: 'signed_in', via: 'widget' });
    fake.on(`POST ${HOSTS.sso}/sso/signin`, { body: page('Account Locked') });
    const error = await authWith(fake).start('runner@example.com', 'pw').catch((e: GarminError) => e);
    expect(error).toMatchObject({ code: GarminErrorCode.InvalidCredentials });
  });
});
