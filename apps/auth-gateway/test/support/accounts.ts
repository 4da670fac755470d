import { GarminSimulator } from '@fittrack/testing';

let counter = 0;

export interface TestAccount {
  email: string;
  password: string;
  displayName: string;
  profileId: number;
  /** What POST /v1/auth/login takes. */
  credentials: { email: string; password: string };
}

/**
 * The simulator's per-account switches of its today profile (apps/garmin-sim/README.md): which sign-in
 * families Garmin's edge lets through, which DI client ids it accepts, whether its tokens are "not active".
 */
export interface AccountBehaviour {
  signIn?: { mobile?: 'open' | 'throttled' | 'challenge'; widget?: 'open' | 'throttled' | 'challenge'; portal?: 'open' | 'throttled' | 'challenge' };
  diClientIds?: string[];
  diRotateRefreshToken?: boolean;
  tokenNotActive?: boolean | { clientIds?: string[]; via?: ('mobile' | 'widget' | 'portal')[] };
}

/** A fresh simulator account, so one test's MFA or throttle state never reaches another. */
export async function newAccount(sim: GarminSimulator, mfa: 'none' | 'email' = 'none', behaviour: AccountBehaviour = {}): Promise<TestAccount> {
  counter += 1;
  const profileId = 90_000_000 + (process.pid % 10_000) * 100 + counter;
  const name = `gw${profileId}`;
  const spec = { email: `${name}@fittrack.test`, password: `pw-${name}-secret`, displayName: name, profileId, mfa };
  const created = await sim.admin('/accounts', { ...spec, ...behaviour });
  if (created.profileId !== profileId) throw new Error(`could not create a simulator account: ${JSON.stringify(created)}`);
  return { ...spec, credentials: { email: spec.email, password: spec.password } };
}

/** One request of the sign-in dance as the simulator logged it (GET /__sim/requests). */
export interface LoggedRequest {
  seq: number;
  method: string;
  route: string;
  path: string;
  clientId: string | null;
  fingerprint: boolean;
  status: number;
  account: string | null;
  refusal: string | null;
}

/** The simulator's request log, all of it or one account's. */
export async function requestLog(sim: GarminSimulator, email?: string): Promise<LoggedRequest[]> {
  return sim.admin(email ? `/requests/${encodeURIComponent(email)}` : '/requests', undefined, 'GET');
}

/** Every request to Garmin's routes the simulator has answered (its counters; its own /__sim routes aside). */
export async function requestsAnswered(sim: GarminSimulator): Promise<number> {
  const byRoute = (await sim.stats()).byRoute as Record<string, number>;
  return Object.entries(byRoute).reduce((sum, [route, n]) => (route.startsWith('/__sim') ? sum : sum + n), 0);
}

/** `METHOD path` of each logged request, the readable shape of a sequence. */
export const steps = (log: LoggedRequest[]) => log.map((r) => `${r.method} ${r.path}${r.clientId ? ` [${r.clientId}]` : ''} ${r.status}`);
