import { createSyncJob, CreationPolicy } from '@fittrack/persistence';
import { PlatformStack } from '@fittrack/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, LinkedUser, linkedUser, startStack } from './support/stack';

/** Test setup writes jobs directly: no quota, and nothing counts as dead. */
const POLICY: CreationPolicy = { maxOpenJobs: 1000, deadJob: { staleAfterSeconds: 86_400, parkedGraceSeconds: 86_400, commandsGoneBefore: null } };

jest.setTimeout(300_000);

const WAITING = 100;
const WINDOW_MS = 15_000;
const STATS_LAG_MS = 11_000;

/**
 * 100 jobs queued for one user whose lease another job holds: they wait parked, at no cost per tick. The
 * database's committed transactions per minute with 100 waiting are compared with the same stack with none
 * waiting, measured in the same run; before parking, each waiting job came back every 2 s (thousands of
 * round trips a minute). When the lease is given up, the jobs run one after another, woken in turn.
 */
describe('jobs waiting for their user’s lease', () => {
  let stack: PlatformStack;
  let user: LinkedUser;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  /**
   * Over a window, per minute: transactions committed in the test database (every round trip of every
   * process, the relay's polling included), and reads of the job and lease tables (what a redelivery loop costs).
   */
  async function perMinute(): Promise<{ transactions: number; jobReads: number }> {
    const sample = async () => {
      const [row] = await query(
        `SELECT d.xact_commit::bigint AS xacts, (SELECT sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)) FROM pg_stat_user_tables WHERE relname IN ('sync_jobs', 'sync_leases'))::bigint AS reads
           FROM pg_stat_database d WHERE d.datname = current_database()`,
      );
      return { xacts: Number(row.xacts), reads: Number(row.reads) };
    };
    // A backend that goes idle reports its statistics up to PGSTAT_IDLE_INTERVAL (10 s) later: wait that out on both ends.
    await sleep(STATS_LAG_MS);
    const before = await sample();
    await sleep(WINDOW_MS);
    await sleep(STATS_LAG_MS);
    const after = await sample();
    const scale = 60_000 / (WINDOW_MS + STATS_LAG_MS);
    return { transactions: Math.round((after.xacts - before.xacts) * scale), jobReads: Math.round((after.reads - before.reads) * scale) };
  }

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 1, env: { SYNC_LEASE_TTL_MS: '10000', SYNC_ACK_WAIT_MS: '10000' } });
    user = await linkedUser(stack.sim, stack.gateway, { historyDays: 30 });
  });

  afterAll(() => stack?.stop());

  it('costs no round trips per waiting job, and each runs in turn once the lease is free', async () => {
    // A job of the user's holds the lease, as a stalled worker would for a minute.
    const holder = await stack.database.dataSource.transaction((tx) => createSyncJob(tx, { userId: user.userId, kinds: ['workouts'], trigger: 'manual', from: '2026-01-01', to: '2026-01-01' }, POLICY));
    await query(`INSERT INTO sync_leases (user_id, job_id, holder, fence, expires_at) VALUES ($1, $2, 'stalled-worker', 1, now() + interval '10 minutes')`, [user.userId, holder.job.id]);
    await eventually(async () => (await query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0].n === 0, 20_000, 'the first command to go out');
    const idle = await perMinute();

    const ids: string[] = [];
    for (let i = 0; i < WAITING; i++) {
      const day = new Date(Date.UTC(2026, 1, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const { job } = await stack.database.dataSource.transaction((tx) => createSyncJob(tx, { userId: user.userId, kinds: ['workouts'], trigger: 'manual', from: day, to: day }, POLICY));
      ids.push(job.id);
    }
    await eventually(
      async () => (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE id = ANY($1) AND waiting_since IS NOT NULL`, [ids]))[0].n === WAITING,
      60_000,
      'every queued job to be parked',
    );
    const waiting = await perMinute();
    console.log(
      `per minute: ${idle.transactions} transactions and ${idle.jobReads} job/lease reads with no job waiting; ` +
        `${waiting.transactions} and ${waiting.jobReads} with ${WAITING} waiting; ` +
        `a 2-second redelivery loop costs ~${WAITING * 30 * 3} round trips`,
    );
    // Less than one round trip per waiting job per minute, all told.
    expect(waiting.transactions - idle.transactions).toBeLessThan(WAITING);
    expect(waiting.jobReads - idle.jobReads).toBeLessThan(WAITING / 4);

    // The holder lets go (its worker came back and ended the job): the user's jobs run one after another.
    await query(`UPDATE sync_leases SET expires_at = now() WHERE user_id = $1`, [user.userId]);
    await eventually(
      async () => (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE user_id = $1 AND status = 'completed'`, [user.userId]))[0].n === WAITING + 1,
      240_000,
      'every job to complete',
    );
    const timeline = await query(
      `SELECT extract(epoch FROM started_at - lag(finished_at) OVER (ORDER BY started_at))::float AS gap, extract(epoch FROM finished_at - started_at)::float AS took
         FROM sync_jobs WHERE user_id = $1 ORDER BY started_at`,
      [user.userId],
    );
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 1000);
    console.log(`one after another: ${mean(timeline.slice(1).map((t: { gap: number }) => t.gap))} ms from one job's end to the next one's start, ${mean(timeline.map((t: { took: number }) => t.took))} ms a job`);
    const [{ overlaps }] = await query(
      `SELECT count(*)::int AS overlaps FROM sync_jobs a JOIN sync_jobs b ON a.user_id = b.user_id AND a.id < b.id
        WHERE a.user_id = $1 AND a.started_at < b.finished_at AND b.started_at < a.finished_at`,
      [user.userId],
    );
    expect(overlaps).toBe(0);
    console.log(`proved: ${WAITING} waiting jobs cost ${waiting.transactions - idle.transactions} round trips a minute, then all ran, one at a time`);
  });
});
