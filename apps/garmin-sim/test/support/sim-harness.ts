import { validateConfig } from '@fittrack/app-core';
import { SimConfig } from '../../src/config/sim.config';
import { buildSimulator, Simulator } from '../../src/server';
import { Account, AccountSpec, DEMO_ACCOUNTS } from '../../src/state/accounts';

export interface RunningSim extends Simulator {
  url: string;
  close(): Promise<void>;
  /** A Bearer token for the account without going through sign-in (for data-plane tests). */
  bearerFor(account: Account): string;
}

/** The old accept-everything simulator, for tests of behaviour the today profile no longer has. */
export const PERMISSIVE = { SIM_PROFILE: 'permissive' } as const;

/** A simulator in this process on a random loopback port. `env` overrides SimConfig variables. */
export async function startSim(env: Record<string, string> = {}, accounts: AccountSpec[] = DEMO_ACCOUNTS): Promise<RunningSim> {
  const config = validateConfig('garmin-sim', SimConfig, { LOG_LEVEL: 'silent', ...env });
  const sim = await buildSimulator(config, accounts);
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...sim,
    url,
    close: () => sim.app.close(),
    bearerFor: (account) => sim.state.credentials.issueAccessToken(account, 'oauth2', config.SIM_ACCESS_TOKEN_TTL_S).token,
  };
}
