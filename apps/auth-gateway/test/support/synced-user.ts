import { AppProcess, GarminSimulator } from '@fittrack/testing';
import { uniqueIp } from './stack';

/*
 * The sync-worker tests' linkedUser and waitForJob (apps/sync-worker/test/support/stack.ts), for the gateway's
 * tests: one app's tests cannot import another's (module boundaries).
 */

let counter = 0;

export interface LinkedUser {
  email: string;
  password: string;
  profileId: number;
  userId: string;
  token: string;
}

/** A fresh simulator account with `historyDays` of data, signed in through the gateway. */
export async function linkedUser(sim: GarminSimulator, gateway: AppProcess, spec: { historyDays?: number } = {}): Promise<LinkedUser> {
  counter += 1;
  const profileId = 87_000_000 + (process.pid % 10_000) * 100 + counter;
  const email = `files${profileId}@fittrack.test`;
  const password = `pw-${profileId}`;
  const created = await sim.admin('/accounts', { email, password, displayName: `files${profileId}`, profileId, historyDays: 90, ...spec });
  if (created.profileId !== profileId) throw new Error(`could not create a simulator account: ${JSON.stringify(created)}`);
  const signedIn = await gateway.post('/v1/auth/login', { email, password }, { ip: uniqueIp() });
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body)}`);
  return { email, password, profileId, userId: signedIn.body.user.id, token: signedIn.body.accessToken };
}

/** Polls a job until it ends (or the deadline passes), returning its last view. */
export async function waitForJob(gateway: AppProcess, user: LinkedUser, jobId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await gateway.get(`/v1/sync/jobs/${jobId}`, { token: user.token });
    if (['completed', 'failed', 'cancelled'].includes(body.status) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
