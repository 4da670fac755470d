import { CommandSubject, DataEventSubject, RpcSubject } from '@fittrack/contracts';
import { COMMAND_STREAM, DATA_STREAM } from '@fittrack/messaging';
import { NatsServerProcess } from '@fittrack/testing';
import { connect, headers, JsMsg, NatsConnection } from 'nats';
import { resolve } from 'node:path';
import { newAccount } from './support/accounts';
import { GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

/** The shipped accounts config, unchanged; only the passwords are the test's (exported as entrypoint.sh does). */
const CONFIG = resolve(__dirname, '../../../deploy/nats/accounts.conf');
const PASSWORDS = { gateway: 'gw-Test-1', worker: 'wk-Test-2', platform: '12345', operator: 'op-Test-4' };
type Role = keyof typeof PASSWORDS;
const serverEnv = Object.fromEntries(Object.entries(PASSWORDS).map(([role, pw]) => [`NATS_${role.toUpperCase()}_PASSWORD`, `"${pw}"`]));
const USER_ID = '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10';

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('NATS accounts and permissions (deploy/nats/accounts.conf on a credentialed nats-server 2.9.10)', () => {
  let server: NatsServerProcess;
  let stack: GatewayStack;
  const clients: NatsConnection[] = [];

  async function as(role: Role, name = `test-${role}`): Promise<NatsConnection> {
    const client = await connect({ servers: server.url, user: role, pass: PASSWORDS[role], name });
    clients.push(client);
    return client;
  }

  /** A request's outcome: the reply's JSON, or the client error's code (PERMISSIONS_VIOLATION, 503 no responders, TIMEOUT). */
  async function ask(client: NatsConnection, subject: string, payload: unknown, options: { headers?: ReturnType<typeof headers> } = {}) {
    try {
      const reply = await client.request(subject, Buffer.from(JSON.stringify(payload)), { timeout: 5000, ...options });
      return { reply: JSON.parse(Buffer.from(reply.data).toString()) };
    } catch (error) {
      return { refused: String((error as { code?: string }).code ?? error) };
    }
  }

  const REFUSED = { refused: expect.stringMatching(/PERMISSIONS_VIOLATION|503/) };

  /** The gateway's RpcServer log messages (its log is pino's JSON lines). */
  function rpcLog(): string {
    return stack.gateway.process.logs
      .split('\n')
      .flatMap((line) => {
        try {
          const entry = JSON.parse(line) as { context?: string; msg?: string };
          return entry.context === 'RpcServer' && entry.msg ? [entry.msg] : [];
        } catch {
          return [];
        }
      })
      .join('\n');
  }

  async function commandsInStream(): Promise<number> {
    const jsm = await (await as('gateway', 'test-probe')).jetstreamManager();
    return (await jsm.streams.info(COMMAND_STREAM)).state.messages;
  }

  async function changeEventsInStream(): Promise<number> {
    const jsm = await (await as('gateway', 'test-probe-data')).jetstreamManager();
    return (await jsm.streams.info(DATA_STREAM)).state.messages;
  }

  /** The user the sync test linked and synced (its workouts are change events in GARMIN_DATA). */
  let syncedUserId = '';

  beforeAll(async () => {
    server = await NatsServerProcess.start({ configFile: CONFIG, env: serverEnv });
    // No subject prefix: the shipped config names the unprefixed subjects, and this server is the test's alone.
    stack = await GatewayStack.start({
      gateways: 1,
      natsUrl: server.url,
      env: { NATS_SUBJECT_PREFIX: '', NATS_USER: 'gateway', NATS_PASSWORD: PASSWORDS.gateway },
    });
    await stack.startWorker({
      NATS_USER: 'worker',
      NATS_PASSWORD: PASSWORDS.worker,
      GARMIN_ACCOUNT_RATE_PER_SECOND: '0',
      GARMIN_GLOBAL_RATE_PER_SECOND: '0',
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await stack?.stop();
    await server?.stop();
  });

  it('refuses to let a platform credential publish a command or use JetStream, and the command stream stays empty', async () => {
    const platform = await as('platform');
    const command = { jobId: '0d9b5c6f-3f1c-4b8e-9a59-6f1c1a527a10', userId: USER_ID };
    platform.publish(CommandSubject.SyncRun, Buffer.from(JSON.stringify(command)));
    expect(await ask(platform, CommandSubject.SyncRun, command)).toEqual(REFUSED); // what a JetStream publish does
    expect(await ask(platform, `$JS.API.STREAM.PURGE.${COMMAND_STREAM}`, {})).toEqual(REFUSED);
    await expect(platform.jetstreamManager()).rejects.toThrow();
    await platform.flush();
    expect(server.logs).toMatch(/Publish Violation - User "platform", Subject "garmin\.cmd\.sync\.run"/);
    expect(await commandsInStream()).toBe(0);
    console.log('proved: platform cannot publish garmin.cmd.sync.run nor reach JetStream; the command stream holds 0 messages');
  });

  it('lets only the operator credential call the nightly RPCs', async () => {
    const platform = await as('platform');
    expect(await ask(platform, RpcSubject.NightlyRun, {})).toEqual(REFUSED);
    expect(await ask(platform, RpcSubject.NightlyStatus, {})).toEqual(REFUSED);
    const status = await ask(await as('operator'), RpcSubject.NightlyStatus, {});
    expect(status.reply).toMatchObject({ ok: true });
    expect(rpcLog()).toMatch(/rpc garmin\.rpc\.nightly\.status from account=OPS user=operator name="test-operator"/);
    expect(rpcLog()).not.toMatch(/rpc garmin\.rpc\.nightly\.\w+ from account=PLATFORM/);
    console.log('proved: platform gets no nightly RPC (permissions violation), the operator does, and the gateway logged account=OPS');
  });

  it('lets only the operator credential delete a user (garmin.rpc.user.delete); platform and worker are refused', async () => {
    const account = await newAccount(stack.sim);
    const signedIn = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(signedIn.status).toBe(200);
    const userId = signedIn.body.user.id as string;
    expect(await ask(await as('platform'), RpcSubject.UserDelete, { userId })).toEqual(REFUSED);
    expect(await ask(await as('worker'), RpcSubject.UserDelete, { userId })).toEqual(REFUSED);
    expect((await stack.gateway.get('/v1/auth/me', { token: signedIn.body.accessToken })).status).toBe(200);

    const deleted = await ask(await as('operator'), RpcSubject.UserDelete, { userId });
    expect(deleted.reply).toMatchObject({ ok: true, data: { userId, removed: expect.objectContaining({ users: 1, user_sessions: 1 }) } });
    expect(rpcLog()).toMatch(/rpc garmin\.rpc\.user\.delete from account=OPS user=operator/);
    expect(await ask(await as('operator'), RpcSubject.UserDelete, { userId })).toEqual({ reply: { ok: false, error: { code: 'NOT_FOUND', message: expect.any(String), reason: 'ACCOUNT_USER_NOT_FOUND' } } });
    console.log('proved: platform and worker credentials get no garmin.rpc.user.delete; the operator deletes, and a second delete is NOT_FOUND');
  });

  it('refuses every garmin.rpc.* request from a worker credential, while the worker still serves its ping', async () => {
    const worker = await as('worker');
    for (const subject of [RpcSubject.UserStatus, RpcSubject.SyncStart, RpcSubject.NightlyRun, RpcSubject.WorkerPing]) {
      expect({ subject, ...(await ask(worker, subject, { userId: USER_ID })) }).toEqual({ subject, ...REFUSED });
    }
    // Nor can it manage the stream, or make a consumer that pushes the commands to a subject of its choosing.
    expect(await ask(worker, `$JS.API.STREAM.DELETE.${COMMAND_STREAM}`, {})).toEqual(REFUSED);
    const pushTo = { stream_name: COMMAND_STREAM, config: { durable_name: 'evil', deliver_subject: RpcSubject.SyncStart, ack_policy: 'none' } };
    expect(await ask(worker, `$JS.API.CONSUMER.CREATE.${COMMAND_STREAM}.evil`, pushTo)).toEqual(REFUSED);
    const ping = await ask(await as('operator'), RpcSubject.WorkerPing, { nonce: 'n-1' });
    expect(ping.reply).toMatchObject({ ok: true, data: { service: 'sync-worker', nonce: 'n-1' } });
    console.log('proved: a worker credential cannot request any garmin.rpc.* subject, delete the stream or add a push consumer; an operator reaches the worker ping');
  });

  it('lets a platform credential start and read a sync through the gateway, which logs the caller the server vouches for', async () => {
    const account = await newAccount(stack.sim);
    const signedIn = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(signedIn.status).toBe(200);
    const userId = signedIn.body.user.id as string;
    syncedUserId = userId;

    const platform = await as('platform', 'billing-test');
    const events: { subject: string; body: { id?: string; job?: { id: string } } }[] = [];
    platform.subscribe('garmin.events.sync.>', {
      callback: (_error, message) => events.push({ subject: message.subject, body: JSON.parse(Buffer.from(message.data).toString()) }),
    });
    // A caller cannot pass itself off as someone else: the server replaces this header.
    const forged = headers();
    forged.set('Nats-Request-Info', JSON.stringify({ acc: 'SYNC', user: 'gateway' }));
    const started = await ask(platform, RpcSubject.SyncStart, { userId, types: ['workouts'] }, { headers: forged });
    expect(started.reply).toMatchObject({ ok: true, data: { userId, trigger: 'platform', status: 'pending' } });
    const jobId = started.reply.data.id as string;

    let job: { status?: string } = {};
    const deadline = Date.now() + 60_000;
    while (job.status !== 'completed' && Date.now() < deadline) {
      job = (await ask(platform, RpcSubject.SyncGet, { userId, jobId })).reply?.data ?? {};
      if (job.status !== 'completed') await new Promise((r) => setTimeout(r, 300));
    }
    expect(job).toMatchObject({ id: jobId, status: 'completed' });
    // The event is relayed after the row changes (the outbox), so it may arrive just after the job reads completed.
    const completedEvent = () => events.some((e) => e.subject === 'garmin.events.sync.completed' && JSON.stringify(e.body).includes(jobId));
    for (const until = Date.now() + 10_000; !completedEvent() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(completedEvent()).toBe(true);

    // The read API is PLATFORM's too (garmin.rpc.data.*), and not the operator's.
    const workouts = await ask(platform, RpcSubject.DataWorkoutList, { userId });
    expect(workouts.reply).toMatchObject({ ok: true, data: { items: expect.any(Array), nextCursor: null } });
    expect(workouts.reply.data.items.length).toBeGreaterThan(0);
    expect(await ask(await as('operator'), RpcSubject.DataWorkoutList, { userId })).toEqual(REFUSED);

    const logs = rpcLog();
    expect(logs).toMatch(/rpc garmin\.rpc\.data\.workout_list from account=PLATFORM user=platform name="billing-test"/);
    expect(logs).toMatch(/rpc garmin\.rpc\.sync\.start from account=PLATFORM user=platform name="billing-test"/);
    expect(logs).toMatch(/rpc garmin\.rpc\.sync\.get from account=PLATFORM user=platform name="billing-test"/);
    expect(logs).not.toMatch(/from account=SYNC/);
    expect(await commandsInStream()).toBe(0); // the worker (worker credential) pulled and acked it
    console.log('proved: platform starts and reads a sync the worker completes; platform sees the events; the gateway logged account=PLATFORM user=platform, not the forged identity');
  });

  it('lets a platform credential replay GARMIN_DATA through a durable consumer the gateway makes, and acks it, but never publish to the stream or make a consumer itself', async () => {
    expect(syncedUserId).not.toBe('');
    await eventually(async () => (await changeEventsInStream()) > 0, 'the relay to publish the change events');
    const platform = await as('platform', 'analytics-test');
    const made = await ask(platform, RpcSubject.ChangesConsumer, { name: 'analytics' });
    expect(made.reply).toMatchObject({ ok: true, data: { stream: DATA_STREAM, consumer: 'analytics', created: true } });
    expect(made.reply.data.pending).toBeGreaterThan(0);

    // Pull (MSG.NEXT) and ack ($JS.ACK) cross into SYNC through the imported services.
    const consumer = await platform.jetstream({ apiPrefix: 'JS.SYNC.API' }).consumers.get(DATA_STREAM, 'analytics');
    const arrived: { subject: string; userId: string; kind: string }[] = [];
    while ((await consumer.info()).num_pending > 0) {
      for await (const message of (await consumer.fetch({ max_messages: 100, expires: 2000 })) as AsyncIterable<JsMsg>) {
        arrived.push({ subject: message.subject, ...message.json<{ userId: string; kind: string }>() });
        message.ack();
      }
    }
    expect(arrived.length).toBe(await changeEventsInStream());
    expect(arrived.filter((e) => e.subject === DataEventSubject.Workout).every((e) => e.userId === syncedUserId && e.kind === 'workouts')).toBe(true);
    expect(arrived.some((e) => e.subject === DataEventSubject.Workout)).toBe(true);
    await eventually(async () => (await consumer.info()).num_ack_pending === 0, 'the acks to land');
    const again = await ask(platform, RpcSubject.ChangesConsumer, { name: 'analytics' });
    expect(again.reply).toMatchObject({ ok: true, data: { consumer: 'analytics', created: false, pending: 0 } });

    // Not a publisher of the stream, nor its manager; no consumer of its own making (a push consumer could deliver anywhere in SYNC).
    const before = await changeEventsInStream();
    const forged = { userId: syncedUserId, kind: 'steps', key: { date: '2026-01-01', metric: 'steps' }, version: 99 };
    platform.publish(DataEventSubject.Health, Buffer.from(JSON.stringify(forged)));
    expect(await ask(platform, DataEventSubject.Health, forged)).toEqual(REFUSED); // what a JetStream publish does
    expect(await ask(platform, `$JS.API.STREAM.PURGE.${DATA_STREAM}`, {})).toEqual(REFUSED);
    expect(await ask(platform, `$JS.API.STREAM.DELETE.${DATA_STREAM}`, {})).toEqual(REFUSED);
    const pushTo = { stream_name: DATA_STREAM, config: { durable_name: 'evil', deliver_subject: CommandSubject.SyncRun, ack_policy: 'none' } };
    expect(await ask(platform, `$JS.API.CONSUMER.CREATE.${DATA_STREAM}.evil`, pushTo)).toEqual(REFUSED);
    expect(await ask(platform, `$JS.API.CONSUMER.DURABLE.CREATE.${DATA_STREAM}.evil`, pushTo)).toEqual(REFUSED);
    await platform.flush();
    expect(server.logs).toMatch(/Publish Violation - User "platform", Subject "garmin\.events\.data\.health"/);
    expect(await changeEventsInStream()).toBe(before);
    expect(await commandsInStream()).toBe(0);
    console.log(`proved: platform replayed ${arrived.length} change events through a gateway-made durable consumer and acked them; it cannot publish to, purge, delete or add consumers to GARMIN_DATA`);
  });
});
