import { COMMAND_STREAM } from '@fittrack/messaging';
import { NatsCluster, PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection, StreamInfo } from 'nats';
import { resolve } from 'node:path';
import { differencesOf, expectedData, storedData } from './support/expected';
import { eventually, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(150_000);

/**
 * Quick redelivery of a command whose ack was lost with the node, a Garmin slow enough to kill a node mid-job,
 * and one job per worker at a time, so that of three jobs one is still a message in the stream at the kill.
 */
const ENV = { SYNC_LEASE_TTL_MS: '2000', SYNC_ACK_WAIT_MS: '3000', SYNC_ITEM_CONCURRENCY: '2', SYNC_CONCURRENCY: '1', NATS_STREAM_REPLICAS: '3' };
const SLOW = { latency: { fixedMs: 15 } };
const RANGE = { from: '2026-07-01', to: '2026-08-14' };
/** The shipped accounts config on every node, as in compose: the apps run on their own roles' credentials. */
const CONFIG = resolve(__dirname, '../../../deploy/nats/accounts.conf');
const PASSWORDS = { gateway: 'gw-cluster-1', worker: 'wk-cluster-2', platform: 'pl-cluster-3', operator: 'op-cluster-4' };
const serverEnv = Object.fromEntries(Object.entries(PASSWORDS).map(([role, pw]) => [`NATS_${role.toUpperCase()}_PASSWORD`, `"${pw}"`]));
const GATEWAY = { user: 'gateway', pass: PASSWORDS.gateway };

describe('a 3-node NATS cluster with an R3 command stream', () => {
  let cluster: NatsCluster;
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    const t0 = Date.now();
    cluster = await NatsCluster.start({ size: 3, configFile: CONFIG, env: serverEnv }, GATEWAY);
    const t1 = Date.now();
    // Every process gets all three URLs (NATS_URL is a comma list), as compose's services do. No subject prefix:
    // the shipped config names the unprefixed subjects, and this cluster is the test's alone.
    stack = await startStack({
      gateways: 1,
      natsUrl: cluster.urls,
      env: { ...ENV, NATS_SUBJECT_PREFIX: '', NATS_USER: GATEWAY.user, NATS_PASSWORD: GATEWAY.pass },
    });
    for (let i = 0; i < 2; i++) await stack.startWorker({ NATS_USER: 'worker', NATS_PASSWORD: PASSWORDS.worker });
    nats = await connect({ servers: cluster.urls.split(','), ...GATEWAY });
    console.log(`cluster up in ${t1 - t0} ms, gateway and 2 workers in ${Date.now() - t1} ms`);
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
    await cluster?.stop();
  });

  async function streamInfo(): Promise<StreamInfo> {
    return (await nats.jetstreamManager()).streams.info(COMMAND_STREAM);
  }

  it('completes every job with the simulator’s rows when the stream leader’s node is killed mid-run', async () => {
    const before = await streamInfo();
    expect(before.config.num_replicas).toBe(3);
    expect(before.cluster?.replicas?.length).toBe(2);
    const leader = before.cluster?.leader as string;

    await stack.sim.admin('/faults', SLOW, 'PUT');
    const users = await Promise.all([1, 2, 3].map(() => linkedUser(stack.sim, stack.gateway, { historyDays: 3650 })));
    const ids: string[] = [];
    for (const user of users) {
      const started = await stack.gateway.post('/v1/sync', RANGE, { token: user.token });
      expect(started.status).toBe(202);
      ids.push(started.body.id);
    }
    await eventually(
      async () => (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE status = 'running' AND processed_items > 0`))[0].n > 0,
      60_000,
      'a job under way',
    );
    const unfinished = (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE status IN ('pending', 'running')`))[0].n;
    const queued = (await streamInfo()).state.messages;
    const killedAt = Date.now();
    await cluster.nodeNamed(leader).kill();

    // The two survivors are a quorum: they elect a new leader for the stream.
    await eventually(
      async () => {
        const info = await streamInfo().catch(() => undefined);
        return !!info?.cluster?.leader && info.cluster.leader !== leader;
      },
      60_000,
      'a new stream leader',
    );
    for (const [i, user] of users.entries()) {
      const done = await waitForJob(stack.gateway, user, ids[i], 90_000);
      expect(done).toMatchObject({ status: 'completed', error: null });
      expect(differencesOf(await storedData(query, user.userId), await expectedData(stack.sim, user.email, RANGE.from, RANGE.to))).toEqual([]);
    }
    // Every command was acked (work queue: nothing left), through the new leader.
    await eventually(async () => (await streamInfo()).state.messages === 0, 30_000, 'an empty command stream');
    const after = await streamInfo();
    console.log(
      `killed stream leader ${leader} with ${unfinished} of 3 jobs unfinished, ${queued} commands in the stream; new leader ${after.cluster?.leader}; ` +
        `all jobs completed ${Date.now() - killedAt} ms later with the oracle’s activities, health and workouts`,
    );
  });
});
