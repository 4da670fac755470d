import { CookieJar } from 'tough-cookie';
import { serviceUrls } from '../../config';
import { GarminError } from '../../errors';
import { follow, Transport, TransportAnswer } from '../../http/transport';
import { AuthContext, EdgeRefusal, pause, PasswordOutcome, Strategy, VerifiedTicket } from '../auth-context';
import { csrfOf, ticketOf, titleOf, widgetVerdict } from './widget-page';

/** python-garminconnect runs the widget over curl_cffi's chrome (client.py:748). */
const WIDGET_PROFILE = 'chrome' as const;

/** The widget's query strings: the embed page's, and the sign-in form's (client.py:751-763). */
function queries(domain: 'garmin.com' | 'garmin.cn') {
  const embed = serviceUrls(domain).widget;
  const embedQuery = { id: 'gauth-widget', embedWidget: 'true', gauthHost: `https://sso.${domain}/sso` };
  const signinQuery = {
    ...embedQuery,
    gauthHost: embed,
    service: embed,
    source: embed,
    redirectAfterAccountLoginUrl: embed,
    redirectAfterAccountCreationUrl: embed,
  };
  return { embed, embedQuery: new URLSearchParams(embedQuery).toString(), signinQuery: new URLSearchParams(signinQuery).toString() };
}

function refuseOrFail(answer: TransportAnswer, what: string): void {
  if (answer.status === 429) throw new EdgeRefusal(429, `${what} answered 429`);
  if (answer.status >= 500) throw GarminError.unavailable(`${what} answered ${answer.status}`);
}

/**
 * Strategy 3 (client.py:741-1000): the SSO embed widget, HTML. The embed page for cookies, the sign-in page
 * for its CSRF token, a 3-8 s pause, the form POST; the outcome is in the page title. For email or SMS MFA
 * the code is asked for explicitly unless the page says it was sent; the code goes back by form.
 */
export class WidgetStrategy implements Strategy {
  readonly name = 'widget' as const;

  async signIn(ctx: AuthContext, email: string, password: string): Promise<PasswordOutcome> {
    const jar = new CookieJar();
    const transport = ctx.transports(WIDGET_PROFILE, jar);
    const { sso, timeoutMs } = { sso: ctx.config.ssoUrl, timeoutMs: ctx.config.timeoutMs };
    const q = queries(ctx.config.domain);

    const embed = await follow(transport, `${sso}/sso/embed?${q.embedQuery}`, { timeoutMs });
    refuseOrFail(embed, 'the widget embed page');
    if (embed.status < 200 || embed.status >= 300) throw new EdgeRefusal(embed.status, `the widget embed page answered ${embed.status}`);

    const signin = await follow(transport, `${sso}/sso/signin?${q.signinQuery}`, { headers: { Referer: q.embed }, timeoutMs });
    refuseOrFail(signin, 'the widget sign-in page');
    const csrf = csrfOf(signin.text);
    if (!csrf) throw new EdgeRefusal(signin.status, `the widget sign-in page (${signin.status}) has no CSRF token`);

    await pause(ctx, ctx.config.widgetPauseMs);
    ctx.log(`widget (${WIDGET_PROFILE}): posting the password`);
    const page = await follow(transport, `${sso}/sso/signin?${q.signinQuery}`, {
      method: 'POST',
      headers: { Referer: signin.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: email, password, embed: 'true', _csrf: csrf }).toString(),
      timeoutMs,
    });
    if (page.status === 429) throw new EdgeRefusal(429, 'the widget sign-in answered 429');
    const verdict = widgetVerdict(page.text);
    switch (verdict.kind) {
      case 'edge':
        throw new EdgeRefusal(page.status, `the widget sign-in answered a ${verdict.reason}`);
      case 'credentials':
        throw GarminError.invalidCredentials();
      case 'restricted':
        // client.py:841-851: a child/family account the web SSO will not sign in; the other strategies may.
        throw new EdgeRefusal(page.status, 'the widget will not sign this account in (a child account?)');
      case 'mfa': {
        await this.requestCode(ctx, transport, verdict.vars, page.url);
        const mfaCsrf = csrfOf(page.text);
        if (!mfaCsrf) throw GarminError.protocol('the widget MFA page has no CSRF token');
        return { kind: 'mfa', method: verdict.vars['mfaMethod'] || 'email', params: { profile: WIDGET_PROFILE, csrf: mfaCsrf, referer: page.url }, jar };
      }
      case 'success':
        if (!verdict.ticket) throw new EdgeRefusal(page.status, 'the widget success page has no ticket');
        return { kind: 'ticket', ticket: verdict.ticket, serviceUrl: q.embed, transport, jar };
      case 'unexpected':
        if (page.status >= 500) throw GarminError.unavailable(`the widget sign-in answered ${page.status}`);
        throw new EdgeRefusal(page.status, `the widget sign-in answered ${page.status}, a page titled "${verdict.title}"`);
    }
  }

  /** client.py:922-968 (GH-386): email and SMS codes are asked for, unless the page says one was sent. */
  private async requestCode(ctx: AuthContext, transport: Transport, vars: Record<string, string>, referer: string): Promise<void> {
    const method = (vars['mfaMethod'] ?? '').toLowerCase();
    if ((method !== 'email' && method !== 'sms') || vars['codeSentTo']) return;
    ctx.log(`widget: asking Garmin to send the ${method} code`);
    const answer = await transport.send(`${ctx.config.ssoUrl}/sso/verifyMFA/mfaCode?${new URLSearchParams({ clientId: vars['clientId'] ?? '' })}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/plain, */*', Referer: referer },
      body: JSON.stringify({ customerGuid: vars['customerGuid'] ?? '', mfaMethod: vars['mfaMethod'] ?? '', locale: vars['locale'] ?? '' }),
      timeoutMs: ctx.config.timeoutMs,
    });
    refuseOrFail(answer, 'the widget MFA code request');
    if (answer.status < 200 || answer.status >= 300) throw new EdgeRefusal(answer.status, `the widget MFA code request answered ${answer.status}`);
  }

  /** client.py:879-920: the code by form, with the MFA page's CSRF token; "Success" and a ticket, or not accepted. */
  async verify(ctx: AuthContext, params: Record<string, string>, _method: string, code: string, jar: CookieJar): Promise<VerifiedTicket> {
    const transport = ctx.transports(WIDGET_PROFILE, jar);
    const q = queries(ctx.config.domain);
    const page = await follow(transport, `${ctx.config.ssoUrl}/sso/verifyMFA/loginEnterMfaCode?${q.signinQuery}`, {
      method: 'POST',
      headers: { Referer: params['referer'] ?? q.embed, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'mfa-code': code, embed: 'true', _csrf: params['csrf'] ?? '', fromPage: 'setupEnterMfaCode' }).toString(),
      timeoutMs: ctx.config.timeoutMs,
    });
    if (page.status === 429) throw GarminError.rateLimited();
    if (page.status >= 500) throw GarminError.unavailable(`the widget MFA verify answered ${page.status}`);
    const ticket = titleOf(page.text) === 'Success' ? ticketOf(page.text) : undefined;
    ctx.log(`widget MFA verify: ${page.status} "${titleOf(page.text)}"`);
    if (!ticket) throw GarminError.invalidMfaCode();
    return { ticket, serviceUrl: q.embed, transport };
  }
}
