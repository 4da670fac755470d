import { CookieJar } from 'tough-cookie';
import { GarminClientConfig, PauseRange, SignInStrategy } from '../config';
import { Transport, TransportFactory, TransportProfile } from '../http/transport';

/** What every sign-in step works with: the configuration and the injected seams (transport, clock, sleep, log). */
export interface AuthContext {
  config: GarminClientConfig;
  transports: TransportFactory;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** One line per step worth knowing (which strategy got what); never a password, code, ticket or token. */
  log(line: string): void;
  random(): number;
  /** Which impit profile each strategy uses next. */
  rotation: ProfileRotation;
}

/** Waits a random time within the range, through the injected sleep; [0, 0] waits not at all. */
export async function pause(ctx: AuthContext, [min, max]: PauseRange): Promise<void> {
  if (max <= 0) return;
  await ctx.sleep(min + Math.floor(ctx.random() * (max - min + 1)));
}

/**
 * Garmin's edge refused the request before judging the password (a 429, a 403 or challenge page, an answer
 * that is not what the endpoint answers): the chain moves on to the next strategy. Internal to the lib.
 */
export class EdgeRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'EdgeRefusal';
  }

  get throttled(): boolean {
    return this.status === 429;
  }
}

/** Where a strategy's password step ended: a service ticket, or an MFA challenge with what completing it needs. */
export type PasswordOutcome =
  | { kind: 'ticket'; ticket: string; serviceUrl: string; transport: Transport; jar: CookieJar }
  | { kind: 'mfa'; method: string; params: Record<string, string>; jar: CookieJar };

/** A ticket from an MFA verify, with the transport (and so the cookies) of the sign-in it finished. */
export interface VerifiedTicket {
  ticket: string;
  serviceUrl: string;
  transport: Transport;
}

/** One way of signing in. `verify` runs on any process, from what `signIn` put into the pending state. */
export interface Strategy {
  readonly name: SignInStrategy;
  signIn(ctx: AuthContext, email: string, password: string): Promise<PasswordOutcome>;
  verify(ctx: AuthContext, params: Record<string, string>, method: string, code: string, jar: CookieJar): Promise<VerifiedTicket>;
}

/** Round-robin over a strategy's impit profiles, one per sign-in, as python-garminconnect rotates curl_cffi's. */
export class ProfileRotation {
  private readonly next = new Map<string, number>();

  pick<P extends TransportProfile>(key: string, profiles: readonly P[]): P {
    const index = this.next.get(key) ?? 0;
    this.next.set(key, (index + 1) % profiles.length);
    return profiles[index];
  }
}
