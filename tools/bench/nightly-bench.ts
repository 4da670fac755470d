// The nightly run's enqueueing for 10,000 linked users: jobs, outbox rows and JetStream messages all written.
//   npm run bench:nightly      (BENCH_NIGHTLY_USERS to change the count; target: under 10 s)
import { RpcSubject } from '@fittrack/contracts';
import { commandStreamName } from '@fittrack/messaging';
import { createDataSource, runMigrations } from '@fittrack/persistence';
import { LOCAL_NATS_URL, PlatformStack } from '@fittrack/testing';
import { connect } from 'nats';

const USERS = Number(process.env['BENCH_NIGHTLY_USERS'] ?? 10_000);
const TARGET_SECONDS = 10;

async function main(): Promise<void> {
  const stack = await PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 4 }),
    gateways: 1,
    env: { LOG_LEVEL: 'warn', NIGHTLY_ENABLED: 'false' },
    simEnv: { LOG_LEVEL: 'silent' },
  });
  const nats = await connect({ servers: LOCAL_NATS_URL });
  try {
    const db = stack.database.dataSource;
    // Linked users as sign-ins leave them (the session itself is never opened by an enqueue).
    await db.query(
      `WITH u AS (INSERT INTO users (garmin_profile_id, display_name) SELECT 60000000 + n, 'nightly' || n FROM generate_series(1, $1) AS n RETURNING id)
       INSERT INTO garmin_authentication_states (user_id, auth_dialect, encrypted_session, key_id, access_expires_at, refresh_expires_at, version)
       SELECT id, 'mobile+oauth1', 'v1.bench.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'bench', now() + interval '1 day', now() + interval '300 days', 1 FROM u`,
      [USERS],
    );
    log(`${USERS} linked users in place; running the nightly enqueue (garmin.rpc.nightly.run)`);
    const jsm = await nats.jetstreamManager();
    const stream = commandStreamName(stack.prefix);
    const t0 = performance.now();
    const reply = JSON.parse(
      Buffer.from((await nats.request(`${stack.prefix}.${RpcSubject.NightlyRun}`, Buffer.from('{}'), { timeout: 120_000 })).data).toString(),
    );
    const enqueuedAt = (performance.now() - t0) / 1000;
    if (!reply.ok) throw new Error(`nightly run failed: ${JSON.stringify(reply.error)}`);
    for (;;) {
      const messages = (await jsm.streams.info(stream).catch(() => undefined))?.state.messages ?? 0;
      if (messages >= USERS) break;
      if (performance.now() - t0 > 120_000) throw new Error(`only ${messages} messages in ${stream} after 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - t0) / 1000;
    const [{ jobs }] = await db.query(`SELECT count(*)::int AS jobs FROM sync_jobs WHERE trigger = 'nightly'`);
    const [{ sent }] = await db.query(`SELECT count(*)::int AS sent FROM outbox WHERE published_at IS NOT NULL`);
    log('');
    log('| figure | value | target |');
    log('|---|---|---|');
    log(`| nightly run for ${USERS} users, until every JetStream message is written | ${seconds.toFixed(2)} s (jobs and outbox rows in ${enqueuedAt.toFixed(2)} s) | < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'PASS' : 'FAIL'} |`);
    log(`| per user | ${((seconds * 1000) / USERS).toFixed(3)} ms | |`);
    log(`\njobs ${jobs}, outbox rows published ${sent}, stream messages ≥ ${USERS}; the run: ${JSON.stringify(reply.data)}`);
  } finally {
    await nats.close();
    await stack.stop();
  }
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
