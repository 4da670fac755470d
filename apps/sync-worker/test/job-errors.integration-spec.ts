import { freePort, PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(120_000);

/** One attempt of one request: a failing Garmin fails the job at once. */
const FAIL_FAST = { SYNC_MAX_ATTEMPTS: '1', GARMIN_REQUEST_ATTEMPTS: '1' };

describe('a failed job tells the user a sentence of ours, and the logs what happened', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const failedEvents: { id: string; error: string | null }[] = [];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 0 });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
    nats.subscribe(`${stack.prefix}.garmin.events.sync.failed`, {
      callback: (_error, message) => failedEvents.push(JSON.parse(Buffer.from(message.data).toString()).job),
    });
  });

  afterEach(async () => {
    await stack.sim.admin('/faults', {}, 'PUT');
    for (const worker of stack.workers.splice(0)) await worker.process.stop('SIGKILL');
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  /** Runs a workouts sync to its failure; the error as the job view, the row and the failed event carry it. */
  async function failedJob(user: LinkedUser): Promise<{ view: string; row: { error_message: string; error_code: string }; event: string | null }> {
    const started = await stack.gateway.post('/v1/sync', { types: ['workouts'] }, { token: user.token });
    expect(started.status).toBe(202);
    const done = await waitForJob(stack.gateway, user, started.body.id, 60_000);
    expect(done.status).toBe('failed');
    const [row] = await query(`SELECT error_message, error_code FROM sync_jobs WHERE id = $1`, [started.body.id]);
    for (let i = 0; i < 50 && !failedEvents.some((e) => e.id === started.body.id); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return { view: done.error, row, event: failedEvents.find((e) => e.id === started.body.id)?.error ?? null };
  }

  /** Host names, ports, URLs and Garmin's own status line: none of it is the user's business. */
  const internals = (host: string, port: number) => new RegExp([host.replace(/\./g, '\\.'), `:${port}`, String(port), 'https?:', '/workout-service', 'ECONN', 'answered'].join('|'));

  it('says "Garmin was unavailable" when Garmin answers 503, naming neither host nor URL', async () => {
    const worker = await stack.startWorker(FAIL_FAST);
    const user = await linkedUser(stack.sim, stack.gateway);
    await stack.sim.admin('/faults', { serverErrors: { probability: 1, status: 503, prefix: '/workout-service' } }, 'PUT');
    const { view, row, event } = await failedJob(user);
    const sim = new URL(stack.sim.url);
    expect(row).toEqual({ error_message: 'Gave up after 1 attempt: Garmin was unavailable.', error_code: 'gave_up' });
    expect(view).toBe(row.error_message);
    expect(event).toBe(row.error_message);
    expect(row.error_message).not.toMatch(internals(sim.hostname, Number(sim.port)));
    // What happened is in the worker's log.
    expect(worker.process.logs).toContain(`${sim.host} answered 503`);
    console.log(`a 503 from ${sim.host}: the user reads "${row.error_message}", the log names the host`);
  });

  it('says "Garmin was unavailable" when the Garmin host is unreachable, naming neither host nor URL', async () => {
    const closed = await freePort(); // nothing listens there
    const worker = await stack.startWorker({ ...FAIL_FAST, GARMIN_CONNECTAPI_URL: `http://localhost:${closed}` });
    const user = await linkedUser(stack.sim, stack.gateway);
    const { view, row, event } = await failedJob(user);
    expect(row).toEqual({ error_message: 'Gave up after 1 attempt: Garmin was unavailable.', error_code: 'gave_up' });
    expect(view).toBe(row.error_message);
    expect(event).toBe(row.error_message);
    expect(row.error_message).not.toMatch(internals('localhost', closed));
    expect(worker.process.logs).toContain(`localhost:${closed}`);
    console.log(`an unreachable localhost:${closed}: the user reads "${row.error_message}", the log names the host`);
  });
});
