import { GarminSimulator } from './garmin-simulator';
import { AppProcess } from './platform-stack';

/* eslint-disable @typescript-eslint/no-explicit-any -- job views of whatever shape the test asserts on */

/*
 * The helpers every test of a synced user needs, whichever app it tests: an app's tests may not import another
 * app's files, so they live here rather than in one app's test support.
 */

let counter = 0;

export interface LinkedUser {
  email: string;
  password: string;
  profileId: number;
  userId: string;
  token: string;
}

/**
 * A fresh simulator account (90 days of history unless told), signed in through the gateway. Profile ids start
 * at 80,000,000 plus this process's slot, clear of the simulator's demo accounts and of other test files' accounts.
 */
export async function linkedUser(
  sim: GarminSimulator,
  gateway: AppProcess,
  spec: { timeZone?: string; historyDays?: number; lacks?: string[] } = {},
): Promise<LinkedUser> {
  counter += 1;
  const profileId = 80_000_000 + (process.pid % 10_000) * 100 + counter;
  const email = `sync${profileId}@fittrack.test`;
  const password = `pw-${profileId}`;
  const created = await sim.admin('/accounts', { email, password, displayName: `sync${profileId}`, profileId, historyDays: 90, ...spec });
  if (created.profileId !== profileId) throw new Error(`could not create a simulator account: ${JSON.stringify(created)}`);
  const signedIn = await gateway.post('/v1/auth/login', { email, password }, { ip: `203.0.113.${counter % 250}` });
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body)}`);
  return { email, password, profileId, userId: signedIn.body.user.id, token: signedIn.body.accessToken };
}

/** Polls a job until it ends (or the deadline passes), returning its last view. */
export async function waitForJob(gateway: AppProcess, user: { token: string }, jobId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await gateway.get(`/v1/sync/jobs/${jobId}`, { token: user.token });
    if (['completed', 'failed', 'cancelled'].includes(body.status) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Polls until `check` holds. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
