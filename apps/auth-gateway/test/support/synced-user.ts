import { PlatformStack } from '@fittrack/testing';
import { newAccount } from './accounts';
import { uniqueIp } from './stack';

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
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await stack.gateway.get(`/v1/sync/jobs/${started.body.id}`, { token: user.token });
    if (body.status === 'completed') return user;
    if (['failed', 'cancelled'].includes(body.status) || Date.now() > deadline) throw new Error(`the sync did not complete: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
