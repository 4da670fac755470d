import { RpcSubject } from '@fittrack/contracts';
import { freePort, ServiceProcess } from '@fittrack/testing';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, createInbox, NatsConnection } from 'nats';
import { newAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

describe('platform RPC over NATS', () => {
  let stack: GatewayStack;
  let nats: NatsConnection;

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 2 });
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('answers each request once, whichever of the replicas takes it (a queue group)', async () => {
    const account = await newAccount(stack.sim);
    const { body } = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    const inbox = createInbox();
    const replies: { ok: boolean }[] = [];
    const subscription = nats.subscribe(inbox, { callback: (_error, message) => replies.push(JSON.parse(Buffer.from(message.data).toString())) });
    for (let i = 0; i < 20; i++) nats.publish(`${stack.prefix}.${RpcSubject.UserStatus}`, Buffer.from(JSON.stringify({ userId: body.user.id })), { reply: inbox });
    await sleep(1500);
    subscription.unsubscribe();
    expect(replies).toHaveLength(20);
    expect(replies.every((r) => r.ok)).toBe(true);
  });
});

describe('NATS credentials from config', () => {
  let server: ReturnType<typeof spawn>;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `nats://127.0.0.1:${port}`;
    server = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '--user', 'gateway', '--pass', 's3cret-nats'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const up = await connect({ servers: url, user: 'gateway', pass: 's3cret-nats' }).then(
        (c) => c.close().then(() => true),
        () => false,
      );
      if (up) return;
      await sleep(100);
    }
    throw new Error('the credentialed nats-server did not start');
  });

  afterAll(() => {
    server?.kill('SIGKILL');
  });

  async function gatewayOn(stack: GatewayStack, env: Record<string, string>) {
    const port = await freePort();
    return new ServiceProcess({
      entry: 'dist/apps/auth-gateway/main.js',
      env: { DATABASE_URL: stack.database.url, NATS_URL: url, PORT: String(port), LOG_LEVEL: 'warn', ...stack.sim.appEnv(), ...env },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    });
  }

  it('connects and serves RPC with the right user and password, and refuses to start with wrong ones, saying why', async () => {
    const stack = await GatewayStack.start({ gateways: 0 });
    try {
      const good = await (await gatewayOn(stack, { NATS_USER: 'gateway', NATS_PASSWORD: 's3cret-nats' })).start();
      try {
        const client = await connect({ servers: url, user: 'gateway', pass: 's3cret-nats' });
        const answer = await client.request(RpcSubject.UserStatus, Buffer.from('{"userId":"6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10"}'), { timeout: 5000 });
        expect(JSON.parse(Buffer.from(answer.data).toString())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        await client.close();
      } finally {
        await good.stop();
      }

      const bad = await (await gatewayOn(stack, { NATS_USER: 'gateway', NATS_PASSWORD: 'wrong' })).start().catch((error: Error) => error);
      expect(String(bad)).toMatch(/NATS/);
      expect(String(bad)).not.toContain('wrong');
    } finally {
      await stack.stop();
    }
  });
});
