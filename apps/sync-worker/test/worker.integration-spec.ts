import { RpcErrorCode, RpcSubject } from '@fittrack/contracts';
import { RpcCallError, RpcClient, SubjectNamer } from '@fittrack/messaging';
import { runMigrations } from '@fittrack/persistence';
import { createTestDatabase, createTestNamespace, freePort, ServiceProcess, TestDatabase } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';

const NATS_URL = 'nats://127.0.0.1:4222';

describe('sync-worker process', () => {
  let database: TestDatabase;
  let nats: NatsConnection;
  let rpc: RpcClient;
  let worker: ServiceProcess;
  let baseUrl: string;
  const prefix = createTestNamespace('worker');

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: runMigrations });
    nats = await connect({ servers: NATS_URL });
    rpc = new RpcClient(nats, new SubjectNamer({ subjectPrefix: prefix }));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    worker = await new ServiceProcess({
      entry: 'dist/apps/sync-worker/main.js',
      env: { DATABASE_URL: database.url, NATS_URL, NATS_SUBJECT_PREFIX: prefix, PORT: String(port), LOG_LEVEL: 'info' },
      readyUrl: `${baseUrl}/health/ready`,
    }).start();
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await nats?.close();
    await database?.drop();
  });

  it('is live and ready, naming what it checked', async () => {
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('answers a NATS request on its prefixed subject', async () => {
    const reply = await rpc.request(RpcSubject.WorkerPing, { nonce: 'abc-123' });
    expect(reply).toMatchObject({ service: 'sync-worker', nonce: 'abc-123' });
    expect(Date.parse(reply.at)).not.toBeNaN();
  });

  it('rejects an invalid payload with a reason', async () => {
    const call = rpc.request(RpcSubject.WorkerPing, { nonce: 'x'.repeat(100) });
    await expect(call).rejects.toBeInstanceOf(RpcCallError);
    await expect(call).rejects.toMatchObject({ body: { code: RpcErrorCode.BadRequest, details: [expect.stringContaining('nonce')] } });
  });

  it.each([
    ['malformed JSON', '{"nonce":'],
    ['unknown fields', '{"nonce":"a","admin":true}'],
    ['a JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['a bare string', '"ping"'],
  ])('answers %s with BAD_REQUEST and keeps serving', async (_label, raw) => {
    const answer = await nats.request(`${prefix}.${RpcSubject.WorkerPing}`, Buffer.from(raw), { timeout: 5000 });
    expect(JSON.parse(Buffer.from(answer.data).toString())).toMatchObject({ ok: false, error: { code: RpcErrorCode.BadRequest } });
    await expect(rpc.request(RpcSubject.WorkerPing, {})).resolves.toMatchObject({ service: 'sync-worker' });
  });

  it('does not answer on the unprefixed subject (runs are isolated)', async () => {
    const unprefixed = new RpcClient(nats, new SubjectNamer({ subjectPrefix: createTestNamespace('other') }));
    await expect(unprefixed.request(RpcSubject.WorkerPing, {}, 500)).rejects.toThrow();
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const exit = await worker.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.logs).toContain('received SIGTERM, draining');
  });
});
