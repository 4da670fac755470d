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

/** A fresh simulator account, so one test's lock or MFA state never reaches another. */
export async function newAccount(sim: GarminSimulator, mfa: 'none' | 'email' = 'none'): Promise<TestAccount> {
  counter += 1;
  const profileId = 90_000_000 + (process.pid % 10_000) * 100 + counter;
  const name = `gw${profileId}`;
  const spec = { email: `${name}@fittrack.test`, password: `pw-${name}-secret`, displayName: name, profileId, mfa };
  const created = await sim.admin('/accounts', spec);
  if (created.profileId !== profileId) throw new Error(`could not create a simulator account: ${JSON.stringify(created)}`);
  return { ...spec, credentials: { email: spec.email, password: spec.password } };
}
