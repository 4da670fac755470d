import { AppProcess, GarminSimulator, PlatformStack, PlatformStackOptions } from '@fittrack/testing';
import { GatewayStack } from './stack';

/*
 * The sync engine's test helpers (apps/sync-worker/test/support/stack.ts: startStack, linkedUser, waitForJob,
 * eventually), for gateway tests that need synced users: an app may not import another app's files.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- job views of whatever shape the test asserts on */

/** Gateway(s) and workers syncing at full speed against the simulator. */
export function startSyncStack(options: Omit<PlatformStackOptions, 'migrate'> = {}): Promise<PlatformStack> {
  return GatewayStack.start({
    ...options,
    env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0', SYNC_PROGRESS_INTERVAL_MS: '200', ...options.env },
  });
}

let counter = 0;

export interface LinkedUser {
  email: string;
  password: string;
  userId: string;
  token: string;
}

/** A fresh simulator account with some history, signed in through the gateway. */
export async function linkedUser(sim: GarminSimulator, gateway: AppProcess, spec: { historyDays?: number } = {}): Promise<LinkedUser> {
  counter += 1;
  const profileId = 87_000_000 + (process.pid % 10_000) * 100 + counter;
  const email = `del${profileId}@fittrack.test`;
  const password = `pw-${profileId}`;
  const created = await sim.admin('/accounts', { email, password, displayName: `del${profileId}`, profileId, historyDays: 90, ...spec });
  if (created.profileId !== profileId) throw new Error(`could not create a simulator account: ${JSON.stringify(created)}`);
  const signedIn = await gateway.post('/v1/auth/login', { email, password }, { ip: `203.0.113.${counter % 250}` });
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body)}`);
  return { email, password, userId: signedIn.body.user.id, token: signedIn.body.accessToken };
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

/** Polls until `check` holds. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
