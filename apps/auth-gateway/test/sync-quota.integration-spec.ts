import { RpcSubject } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { newAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

const QUOTA = 3;
const SENTENCE = `you already have ${QUOTA} sync jobs pending or running, the most allowed; wait for one to end or cancel one, then ask again`;

/** Distinct requests (different ranges make different jobs); no workers, so every job stays pending. */
const request = (n: number) => ({ types: ['activities'], from: `2026-01-${String(n + 1).padStart(2, '0')}`, to: '2026-02-01' });

describe('the per-user quota on open sync jobs (SYNC_MAX_OPEN_JOBS_PER_USER=3, two gateways, no workers)', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const ask = async (subject: string, payload: unknown) =>
    JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, Buffer.from(JSON.stringify(payload)), { timeout: 20_000 })).data).toString());

  async function signedIn(): Promise<{ token: string; userId: string }> {
    const account = await newAccount(stack.sim);
    const answer = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    return { token: answer.body.accessToken, userId: answer.body.user.id };
  }
  const openJobs = async (userId: string) =>
    (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE user_id = $1 AND status IN ('pending', 'running')`, [userId]))[0].n;

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 2, env: { SYNC_MAX_OPEN_JOBS_PER_USER: String(QUOTA) } });
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('answers 429 with a sentence and a code past the quota, over HTTP and RPC; the equivalent job is still returned', async () => {
    const user = await signedIn();
    for (let n = 0; n < QUOTA; n++) expect((await stack.gateway.post('/v1/sync', request(n), { token: user.token })).status).toBe(202);

    const refused = await stack.gateway.post('/v1/sync', request(QUOTA), { token: user.token });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'SYNC_TOO_MANY_OPEN_JOBS', message: SENTENCE, limit: QUOTA });
    expect(refused.headers.get('retry-after')).toBe('30');

    const rpc = await ask(RpcSubject.SyncStart, { userId: user.userId, ...request(QUOTA) });
    expect(rpc).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: SENTENCE, reason: 'SYNC_TOO_MANY_OPEN_JOBS', context: { retryAfterSeconds: 30, limit: QUOTA } } });

    // Asking again for a job already open is not a new job: always answered.
    const same = await stack.gateway.post('/v1/sync', request(0), { token: user.token });
    expect(same.status).toBe(200);
    expect((await ask(RpcSubject.SyncStart, { userId: user.userId, ...request(1) })).ok).toBe(true);
    expect(await openJobs(user.userId)).toBe(QUOTA);

    // A cancelled job frees its place.
    await stack.gateway.post(`/v1/sync/jobs/${same.body.id}/cancel`, undefined, { token: user.token });
    expect((await stack.gateway.post('/v1/sync', request(QUOTA), { token: user.token })).status).toBe(202);
    console.log('proved: past the quota HTTP answers 429 SYNC_TOO_MANY_OPEN_JOBS with the sentence, RPC RATE_LIMITED with it; equivalents always pass');
  });

  it('lets exactly the quota through when many requests race on two gateways', async () => {
    for (let round = 0; round < 3; round++) {
      const user = await signedIn();
      // At quota - 1 already: of the racing requests exactly one may pass.
      for (let n = 0; n < QUOTA - 1; n++) expect((await stack.gateway.post('/v1/sync', request(n), { token: user.token })).status).toBe(202);
      const racing = Array.from({ length: 8 }, (_, i) => stack.gateways[i % 2].post('/v1/sync', request(10 + i), { token: user.token }));
      const statuses = (await Promise.all(racing)).map((answer) => answer.status).sort();
      expect(statuses).toEqual([202, 429, 429, 429, 429, 429, 429, 429]);
      expect(await openJobs(user.userId)).toBe(QUOTA);
    }
    console.log('proved: 8 concurrent distinct requests at quota - 1, across two gateways, create exactly one job (3 rounds)');
  });
});
