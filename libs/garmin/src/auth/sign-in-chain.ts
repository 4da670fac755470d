import { SignInStrategy } from '../config';
import { GarminError, SignInAttempt } from '../errors';
import { GarminProfile, GarminSession } from '../session/garmin-session';
import { AuthContext, EdgeRefusal, Strategy } from './auth-context';
import { establish } from './establish';
import { MobileStrategy } from './strategies/mobile.strategy';
import { PortalStrategy } from './strategies/portal.strategy';
import { WidgetStrategy } from './strategies/widget.strategy';

export const STRATEGIES: Record<SignInStrategy, Strategy> = {
  'mobile-impit': new MobileStrategy('mobile-impit'),
  'mobile-fetch': new MobileStrategy('mobile-fetch'),
  widget: new WidgetStrategy(),
  'portal-impit': new PortalStrategy('portal-impit'),
  'portal-fetch': new PortalStrategy('portal-fetch'),
};

export type ChainOutcome =
  | { kind: 'signed_in'; session: GarminSession; via: SignInStrategy; profile: GarminProfile }
  | { kind: 'mfa_required'; strategy: SignInStrategy; method: string; params: Record<string, string>; cookies: unknown };

/**
 * The configured strategies in order (client.py:513-598). The next one runs only when Garmin's edge refused
 * the last before judging the password, or when connectapi rejected the token it got; wrong credentials,
 * MFA, Garmin being down or an answer nobody has seen stop the chain. Each strategy posts the password once;
 * nothing here reruns the chain.
 */
export async function runChain(ctx: AuthContext, email: string, password: string): Promise<ChainOutcome> {
  const attempts: SignInAttempt[] = [];
  for (const name of ctx.config.strategies) {
    const strategy = STRATEGIES[name];
    try {
      const outcome = await strategy.signIn(ctx, email, password);
      if (outcome.kind === 'mfa') {
        ctx.log(`${name}: MFA required (${outcome.method})`);
        return { kind: 'mfa_required', strategy: name, method: outcome.method, params: outcome.params, cookies: outcome.jar.serializeSync() };
      }
      ctx.log(`${name}: signed in, exchanging the ticket`);
      const established = await establish(ctx, name, outcome.ticket, outcome.serviceUrl, outcome.transport, outcome.jar);
      if (established.accepted) {
        ctx.log(`${name}: linked (${established.session.dialect})`);
        return { kind: 'signed_in', session: established.session, via: name, profile: established.profile };
      }
      attempts.push({ strategy: name, status: established.status, reason: `connectapi rejected the new token (${established.status})` });
      ctx.log(`${name}: connectapi rejected the new token (${established.status}); trying the next strategy`);
    } catch (error) {
      if (!(error instanceof EdgeRefusal)) {
        ctx.log(`${name}: stopped the chain: ${error instanceof GarminError ? error.code : 'error'}`);
        throw error;
      }
      attempts.push({ strategy: name, status: error.status, reason: error.reason });
      ctx.log(`${name}: refused: ${error.reason}`);
    }
  }
  if (attempts.length > 0 && attempts.every((a) => a.status === 429)) throw GarminError.rateLimited(undefined, attempts);
  throw GarminError.edgeRefused(attempts);
}
