import { CommandSubject, RpcSubject } from '@fittrack/contracts';
import { AppProcess, PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { differencesOf, expectedData, storedData } from './support/expected';
import { badBody, badId, badToken, encodeOdd, nested, oddValue, pick, seeded } from './support/malformed';
import { linkedUser, LinkedUser, startStack, waitForJob } from './support/stack';

// `npm run test:bad-input` runs this with 5,000 of each; CI runs the short form.
 
const HTTP_REQUESTS = Number(process.env['BAD_INPUT_HTTP'] ?? 600);
const NATS_MESSAGES = Number(process.env['BAD_INPUT_NATS'] ?? 600);
 
const CONCURRENCY = 25;
const RANGE = { from: '2026-06-01', to: '2026-06-20' };

jest.setTimeout(600_000);

interface Route {
  method: string;
  path: (random: () => number) => string;
  fields?: string[];
}

const ROUTES: Route[] = [
  { method: 'POST', path: () => '/v1/auth/login', fields: ['email', 'password'] },
  { method: 'POST', path: () => '/v1/auth/mfa', fields: ['challengeId', 'code'] },
  { method: 'POST', path: () => '/v1/auth/import', fields: ['tokens'] },
  { method: 'POST', path: () => '/v1/auth/refresh', fields: ['refreshToken'] },
  { method: 'POST', path: () => '/v1/auth/logout' },
  { method: 'GET', path: () => '/v1/auth/me' },
  { method: 'GET', path: () => '/v1/auth/sessions' },
  { method: 'GET', path: (r) => `/v1/auth/sessions/${badId(r)}` },
  { method: 'DELETE', path: (r) => `/v1/auth/sessions/${badId(r)}` },
  { method: 'POST', path: () => '/v1/sync', fields: ['types', 'from', 'to'] },
  { method: 'GET', path: (r) => `/v1/sync/jobs?page=${encodeOdd(String(oddValue(r)))}&pageSize=${encodeOdd(String(oddValue(r)))}&status=${encodeOdd(String(oddValue(r)))}` },
  { method: 'GET', path: (r) => `/v1/sync/jobs/${badId(r)}` },
  { method: 'GET', path: (r) => `/v1/sync/jobs/${badId(r)}/events` },
  { method: 'POST', path: (r) => `/v1/sync/jobs/${badId(r)}/cancel` },
  { method: 'GET', path: () => '/health/ready' },
  { method: 'PUT', path: () => '/v1/sync', fields: ['types'] },
  { method: 'GET', path: (r) => `/v1/activities?limit=${encodeOdd(String(oddValue(r)))}&fields=${encodeOdd(String(oddValue(r)))}&cursor=${encodeOdd(String(oddValue(r)))}` },
  { method: 'GET', path: (r) => `/v1/activities/${badId(r)}` },
  { method: 'GET', path: (r) => `/v1/health/${badId(r)}?from=${encodeOdd(String(oddValue(r)))}&to=${encodeOdd(String(oddValue(r)))}` },
  { method: 'GET', path: (r) => `/v1/health/sleep/${badId(r)}` },
  { method: 'GET', path: (r) => `/v1/health?from=${encodeOdd(String(oddValue(r)))}` },
  { method: 'GET', path: (r) => `/v1/workouts?cursor=${encodeOdd(String(oddValue(r)))}&limit=${encodeOdd(String(oddValue(r)))}` },
  { method: 'GET', path: (r) => `/v1/records/${badId(r)}?cursor=${encodeOdd(String(oddValue(r)))}` },
];

// Every subject of the closed set: a new one is sent bad input without a change here.
const RPC_SUBJECTS = Object.values(RpcSubject);
const COMMAND_SUBJECTS = Object.values(CommandSubject);

describe(`bad input while real syncs run: ${HTTP_REQUESTS} HTTP requests and ${NATS_MESSAGES} NATS messages`, () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  let users: LinkedUser[];
  let sacrificial: LinkedUser;
  const counts = { http: {} as Record<string, number>, rpcReplies: {} as Record<string, number>, commands: 0, silent: 0 };

  beforeAll(async () => {
    stack = await startStack({ gateways: 2, workers: 2, env: { SIGN_IN_LIMIT_PER_MINUTE: '10000', SIGN_IN_LIMIT_PER_HOUR: '100000', MFA_LIMIT_PER_MINUTE: '10000' } });
    await stack.sim.admin('/faults', { latency: { fixedMs: 10 } }, 'PUT');
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
    users = [await linkedUser(stack.sim, stack.gateway), await linkedUser(stack.sim, stack.gateway), await linkedUser(stack.sim, stack.gateway)];
    sacrificial = await linkedUser(stack.sim, stack.gateway);
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('answers every malformed request with a 4xx and every malformed message with a reason, and the syncs still complete with the right data', async () => {
    const jobs = await Promise.all(users.map(async (user) => (await stack.gateway.post('/v1/sync', RANGE, { token: user.token })).body.id as string));
    const random = seeded(20261125);

    const serverErrors: unknown[] = [];
    const send = async (gateway: AppProcess) => {
      const route = pick(random, ROUTES);
      const body = route.fields ? badBody(random, route.fields) : random() < 0.3 ? badBody(random, ['x']) : undefined;
      const authorization = badToken(random, sacrificial.token);
      const path = route.path(random);
      const answer = await fetch(`${gateway.url}${path}`, {
        method: route.method,
        headers: {
          ...(authorization && { authorization }),
          ...(body && route.method !== 'GET' && { 'content-type': body.contentType ?? 'application/json' }),
          'x-forwarded-for': `203.0.113.${Math.floor(random() * 250)}`,
        },
        body: route.method === 'GET' ? undefined : body?.raw,
        signal: AbortSignal.timeout(15_000),
      }).catch((error: Error) => ({ status: 0, error, body: null as ReadableStream | null, text: async () => String(error) }));
      if (path.endsWith('/events') && answer.status === 200) await answer.body?.cancel();
      const status = answer.status;
      const bucket = status === 0 ? 'no answer' : `${Math.floor(status / 100)}xx`;
      counts.http[bucket] = (counts.http[bucket] ?? 0) + 1;
      if (status >= 500 || status === 0) serverErrors.push({ method: route.method, path: path.slice(0, 100), status, body: (await answer.text()).slice(0, 200) });
    };
    for (let sent = 0; sent < HTTP_REQUESTS; sent += CONCURRENCY) {
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, HTTP_REQUESTS - sent) }, (_, i) => send(stack.gateways[i % 2])));
    }

    const js = nats.jetstream();
    const silent: unknown[] = [];
    const message = (subject: string): Buffer => {
      const kind = Math.floor(random() * 8);
      if (kind === 0) return Buffer.from(nested(10 + Math.floor(random() * 5000)));
      if (kind === 1) return Buffer.from('{"userId":');
      if (kind === 2) return Buffer.from(String(oddValue(random)));
      if (kind === 3) return Buffer.from('x'.repeat(100_000));
      // Fields of the subject's own shape with absurd values, always with one field that cannot be right.
      const fields = ['userId', 'jobId', 'types', 'from', 'to', 'date', 'limit', 'nonce', 'tokens'];
      const payload: Record<string, unknown> = {};
      for (const field of fields) if (random() < 0.5) payload[field] = oddValue(random);
      payload[subject.includes('nightly') ? 'date' : 'userId'] = pick(random, ['tomorrow', 42, null, '2026-13-01', 'not-a-uuid']);
      return Buffer.from(JSON.stringify(payload));
    };
    for (let sent = 0; sent < NATS_MESSAGES; sent += CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, NATS_MESSAGES - sent) }, async () => {
          if (random() < 0.2) {
            await js.publish(`${stack.prefix}.${pick(random, COMMAND_SUBJECTS)}`, message('cmd'));
            counts.commands += 1;
            return;
          }
          const subject = pick(random, RPC_SUBJECTS);
          try {
            const reply = JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, message(subject), { timeout: 10_000 })).data).toString());
            const key = reply.ok ? 'ok' : reply.error.code;
            counts.rpcReplies[key] = (counts.rpcReplies[key] ?? 0) + 1;
            if (!reply.ok && reply.error.code === 'INTERNAL') silent.push({ subject, reply });
          } catch (error) {
            counts.silent += 1;
            silent.push({ subject, error: String(error) });
          }
        }),
      );
    }

    process.stdout.write(`\nbad input: HTTP ${JSON.stringify(counts.http)}; RPC replies ${JSON.stringify(counts.rpcReplies)}; malformed commands ${counts.commands}; unanswered ${counts.silent}\n`);
    expect(stack.logs).not.toContain('Maximum call stack');
    expect(serverErrors).toEqual([]);
    expect(silent).toEqual([]);
    for (const app of [...stack.gateways, ...stack.workers]) expect(app.process.pid !== undefined && (await fetch(`${app.url}/health/ready`)).status).toBe(200);

    await stack.sim.admin('/faults', {}, 'PUT');
    for (const [i, user] of users.entries()) expect(await waitForJob(stack.gateway, user, jobs[i], 120_000)).toMatchObject({ status: 'completed' });
    for (const user of users) {
      const expected = await expectedData(stack.sim, user.email, RANGE.from, RANGE.to);
      expect(differencesOf(await storedData((sql, params) => stack.database.dataSource.query(sql, params), user.userId), expected)).toEqual([]);
    }
    const rejected = await Promise.all(stack.workers.map(async (w) => Number(/sync_commands_rejected_total (\d+)/.exec(await w.metrics())?.[1] ?? 0)));
    expect(rejected.reduce((a, b) => a + b, 0)).toBe(counts.commands);
  });
});
