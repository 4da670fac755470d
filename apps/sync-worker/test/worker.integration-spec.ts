import { RpcErrorCode, RpcSubject } from '@fittrack/contracts';
import { RpcCallError, RpcClient, SubjectNamer } from '@fittrack/messaging';
import { runMigrations } from '@fittrack/persistence';
import { createTestDatabase, createTestNamespace, freePort, NatsServerProcess, ServiceProcess, TestDatabase } from '@fittrack/testing';
import { connect, ErrorCode, NatsConnection } from 'nats';

describe('sync-worker process', () => {
  let database: TestDatabase;
  let nats: NatsConnection;
  let rpc: RpcClient;
  let worker: ServiceProcess;
  let baseUrl: string;
  // A NATS of its own: nothing but this worker can answer there, so silence on a subject means it is not listening.
  let server: NatsServerProcess;
  const prefix = createTestNamespace('worker');

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: runMigrations });
    server = await NatsServerProcess.start();
    const NATS_URL = server.url;
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
    await server?.stop();
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

  it.each([
    ['the unprefixed subject', ''],
    ["another run's prefix", createTestNamespace('other')],
  ])('does not answer on %s (runs are isolated)', async (_label, otherPrefix) => {
    const elsewhere = new RpcClient(nats, new SubjectNamer({ subjectPrefix: otherPrefix }));
    // No responders (rather than a timeout or an error reply): nothing subscribes to that subject at all.
    await expect(elsewhere.request(RpcSubject.WorkerPing, {}, 2000)).rejects.toMatchObject({ code: ErrorCode.NoResponders });
    await expect(rpc.request(RpcSubject.WorkerPing, {})).resolves.toMatchObject({ service: 'sync-worker' });
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const exit = await worker.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.logs).toContain('received SIGTERM, draining');
  });
});
