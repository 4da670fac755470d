import { AppProcess, GarminSimulator, PlatformStack } from '@fittrack/testing';
import { newAccount } from './accounts';
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
export async function waitForJob(gateway: AppProcess, user: { token: string }, jobId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await gateway.get(`/v1/sync/jobs/${jobId}`, { token: user.token });
    if (['completed', 'failed', 'cancelled'].includes(body.status) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface SyncedUser {
  userId: string;
  token: string;
}

/** A fresh simulator account, signed in through the gateway and synced for real by the stack's workers. */
export async function syncedUser(stack: PlatformStack, types: string[] = ['all'], timeoutMs = 90_000): Promise<SyncedUser> {
  const account = await newAccount(stack.sim);
  const signedIn = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body)}`);
  const user = { userId: signedIn.body.user.id as string, token: signedIn.body.accessToken as string };
  const started = await stack.gateway.post('/v1/sync', { types }, { token: user.token });
  if (started.status !== 202) throw new Error(`the sync was not started: ${JSON.stringify(started.body)}`);
  const done = await waitForJob(stack.gateway, user, started.body.id, timeoutMs);
  if (done.status !== 'completed') throw new Error(`the sync did not complete: ${JSON.stringify(done)}`);
  return user;
}
