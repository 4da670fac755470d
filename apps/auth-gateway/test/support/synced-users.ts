import { PlatformStack, PlatformStackOptions, waitForJob } from '@fittrack/testing';
import { newAccount } from './accounts';
import { GatewayStack, uniqueIp } from './stack';

/** Gateway(s) and workers syncing at full speed against the simulator. */
export function startSyncStack(options: Omit<PlatformStackOptions, 'migrate'> = {}): Promise<PlatformStack> {
  return GatewayStack.start({
    ...options,
    env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0', SYNC_PROGRESS_INTERVAL_MS: '200', ...options.env },
  });
}

export { eventually, linkedUser, waitForJob } from '@fittrack/testing';
export type { LinkedUser } from '@fittrack/testing';

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
