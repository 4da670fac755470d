import { ApiCredential, apiHeaders } from '../../api/credentials';
import { GarminError } from '../../errors';
import { NATIVE_PROFILE } from '../../http/native-headers';
import { retryAfterSeconds } from '../../http/send';
import { TransportAnswer } from '../../http/transport';
import { GarminProfile } from '../../session/garmin-session';
import { AuthContext } from '../auth-context';

export type TokenCheck = { accepted: true; profile: GarminProfile } | { accepted: false; status: number };

const TRIES = 3;

/**
 * Whether connectapi takes a new token, and whose it is: `GET /userprofile-service/socialProfile`
 * (client.py:421-448). Only 401 or 403 means rejected (pgc #369: "Token is not active" on some accounts);
 * a 5xx or a dropped connection is tried up to three times, as the reference's wrapper does (__init__.py:842-882).
 */
export async function checkToken(ctx: AuthContext, credential: ApiCredential): Promise<TokenCheck> {
  const transport = ctx.transports(credential.kind === 'bearer' ? NATIVE_PROFILE : 'chrome');
  const url = `${ctx.config.connectApiUrl}/userprofile-service/socialProfile`;
  for (let attempt = 1; ; attempt++) {
    let answer: TransportAnswer;
    try {
      answer = await transport.send(url, { headers: apiHeaders(credential, ctx.config.domain), timeoutMs: ctx.config.timeoutMs });
    } catch (error) {
      if (attempt >= TRIES) throw error;
      await ctx.sleep(1000 * attempt);
      continue;
    }
    if (answer.status >= 500 && attempt < TRIES) {
      await ctx.sleep(1000 * attempt);
      continue;
    }
    if (answer.status === 401 || answer.status === 403) {
      ctx.log(`socialProfile answered ${answer.status}: the token was not accepted`);
      return { accepted: false, status: answer.status };
    }
    if (answer.status === 429) throw GarminError.rateLimited(retryAfterSeconds(answer.headers.get('retry-after')));
    if (answer.status >= 500) throw GarminError.unavailable(`socialProfile answered ${answer.status}`);
    if (answer.status !== 200) throw GarminError.protocol(`socialProfile answered ${answer.status}`);
    let body: { profileId?: unknown; displayName?: unknown };
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      throw GarminError.protocol('socialProfile did not answer JSON');
    }
    if (typeof body?.profileId !== 'number' || !Number.isSafeInteger(body.profileId)) throw GarminError.protocol('socialProfile has no profile id');
    const displayName = typeof body.displayName === 'string' && body.displayName ? body.displayName : String(body.profileId);
    return { accepted: true, profile: { profileId: body.profileId, displayName } };
  }
}
