import { GarminError } from '../../errors';
import { oauth1Header } from '../../http/oauth1';
import { retryAfterSeconds } from '../../http/send';
import { OAuth1Credentials, OAuth2Token, tokenFromAnswer } from '../../session/garmin-session';
import { AuthContext } from '../auth-context';

const OAUTH_UA = 'com.garmin.android.apps.connectmobile';

/** Whether an OAuth1 consumer is configured: the only way an imported garth session refreshes. */
export const hasConsumer = (ctx: AuthContext) => Boolean(ctx.config.consumerKey && ctx.config.consumerSecret);

/**
 * garth's refresh of an imported session: a new OAuth2 exchange signed with the OAuth1 token, without
 * `audience` (garth http.py:181-186, sso.py:173-203). Only with a configured consumer.
 */
export async function exchangeOAuth1(ctx: AuthContext, oauth1: OAuth1Credentials, previous: OAuth2Token): Promise<OAuth2Token> {
  if (!hasConsumer(ctx)) {
    throw GarminError.sessionRejected('the imported garth session has expired and cannot be refreshed (no OAuth1 consumer is configured); sign in again');
  }
  const url = `${ctx.config.connectApiUrl}/oauth-service/oauth/exchange/user/2.0`;
  const form: Record<string, string> = oauth1.mfa_token ? { mfa_token: oauth1.mfa_token } : {};
  const consumer = { key: ctx.config.consumerKey ?? '', secret: ctx.config.consumerSecret ?? '' };
  const answer = await ctx.transports('fetch').send(url, {
    method: 'POST',
    headers: {
      authorization: oauth1Header(consumer, { url, method: 'POST', form }, oauth1),
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': OAUTH_UA,
    },
    body: new URLSearchParams(form).toString(),
    timeoutMs: ctx.config.timeoutMs,
  });
  if (answer.status === 429) throw GarminError.rateLimited(retryAfterSeconds(answer.headers.get('retry-after')));
  if (answer.status >= 500) throw GarminError.unavailable(`the OAuth2 exchange answered ${answer.status}`);
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) throw GarminError.sessionRejected(`the OAuth2 exchange answered ${answer.status}`);
  try {
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    if (answer.status === 200 && typeof body['access_token'] === 'string') return tokenFromAnswer(body, ctx.now(), previous);
  } catch {
    // falls through to the protocol error
  }
  throw GarminError.protocol(`the OAuth2 exchange answered ${answer.status} without a token`);
}
