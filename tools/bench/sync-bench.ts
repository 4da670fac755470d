// The sync engine against the simulator with 50 ms injected latency and no rate limit:
//   npm run bench:sync      (BENCH_USERS, BENCH_DAYS to change the load; BENCH_ROUNDS=events: only the cost of change events)
// Every figure is a ratio against a baseline measured in the same run; the machines are shared and noisy.
import { createDataSource, runMigrations, upsertRows, UpsertSpec } from '@fittrack/persistence';
import { PlatformStack } from '@fittrack/testing';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureRequestBudget, printRequestBudget, RequestBudget } from './request-budget';

const USERS = Number(process.env['BENCH_USERS'] ?? 100);
const DAYS = Number(process.env['BENCH_DAYS'] ?? 30);
/**
 * The scaling rounds run one job and one request per job at a time per worker, on their own users, so that
 * even four workers stay latency-bound on a 2-core machine (at the default concurrency two workers already
 * reach this machine's CPU ceiling of about 450 requests a second with the simulator and PostgreSQL beside them).
 */
const SCALING_USERS = Number(process.env['BENCH_SCALING_USERS'] ?? 40);
/** Users per kind in the request-budget rounds (each kind synced alone). */
const BUDGET_USERS = Number(process.env['BENCH_BUDGET_USERS'] ?? 2);
const SCALING_WORKER = { SYNC_CONCURRENCY: '1', SYNC_ITEM_CONCURRENCY: '1' };
const LATENCY_MS = 50;
const TERMINAL = `('completed', 'failed', 'cancelled')`;

interface Round {
  label: string;
  workers: number;
  seconds: number;
  requests: number;
  byRoute: Record<string, number>;
  failed: number;
  /** Change events the round wrote to the outbox. */
  events: number;
}

async function main(): Promise<void> {
  const stack = await PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 8 }),
    gateways: 1,
    env: {
      LOG_LEVEL: 'warn',
      GARMIN_ACCOUNT_RATE_PER_SECOND: '0',
      GARMIN_GLOBAL_RATE_PER_SECOND: '0',
      SYNC_BACKFILL_DAYS: String(DAYS),
      SIGN_IN_LIMIT_PER_MINUTE: '10000',
      SIGN_IN_LIMIT_PER_HOUR: '100000',
      // Tokens signed in at the start outlive every round, however slow the machine (a 15-minute token did not).
      ACCESS_TOKEN_TTL_SECONDS: String(24 * 3600),
    },
    simEnv: { LOG_LEVEL: 'silent', SIM_FAULTS: JSON.stringify({ latency: { fixedMs: LATENCY_MS } }) },
  });
  const db = stack.database.dataSource;
  try {
    log(`${USERS} users × ${DAYS} days, simulator latency ${LATENCY_MS} ms, no rate limit`);
    const tokens: string[] = [];
    for (let i = 0; i < USERS + SCALING_USERS; i++) {
      const email = `bench${i}@fittrack.test`;
      await stack.sim.admin('/accounts', { email, password: 'bench-pw', displayName: `bench${i}`, profileId: 70_000_000 + i, historyDays: DAYS });
      tokens.push((await stack.gateway.post('/v1/auth/login', { email, password: 'bench-pw' })).body.accessToken);
    }

    const [main, scaling] = [tokens.slice(0, USERS), tokens.slice(USERS)];
    const round = async (label: string, workers: number, store: boolean, users = main, env: Record<string, string> = {}): Promise<Round> => {
      const started = await Promise.all(
        Array.from({ length: workers }, () => stack.startWorker({ SYNC_STORE_DATA: String(store), LOG_LEVEL: 'warn', ...env })),
      );
      await fetch(`${stack.sim.url}/__sim/stats`, { method: 'DELETE' });
      const t0 = performance.now();
      await Promise.all(users.map((token) => stack.gateway.post('/v1/sync', { types: ['all'] }, { token })));
      for (;;) {
        const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM sync_jobs WHERE status NOT IN ${TERMINAL}`);
        if (open === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seconds = (performance.now() - t0) / 1000;
      const stats = await stack.sim.stats();
      const [{ failed }] = await db.query(`SELECT count(*)::int AS failed FROM sync_jobs WHERE status <> 'completed'`);
      const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM outbox WHERE job_id IS NOT NULL`);
      for (const worker of started) await worker.process.stop('SIGTERM');
      stack.workers.splice(0);
      await db.query(`TRUNCATE activities, activity_files, activity_parts, daily_health, garmin_records, workouts, sync_cursors, sync_jobs, outbox, sync_leases`);
      const result = { label, workers, seconds, requests: stats.requests as number, byRoute: stats.byRoute as Record<string, number>, failed, events };
      log(`${label}: ${seconds.toFixed(1)} s, ${result.requests} requests (${(result.requests / seconds).toFixed(0)}/s), ${events} change events${failed ? `, ${failed} jobs not completed` : ''}`);
      return result;
    };

    if (process.env['BENCH_ROUNDS'] === 'events') {
      // Only the cost of change events: the two rounds that measure it, in the same run.
      const without = await round('sync and store without change events, 2 workers', 2, true, main, { SYNC_DATA_EVENTS: 'false' });
      const withEvents = await round('sync and store, 2 workers', 2, true);
      const cost = changeEventCost(without, withEvents);
      log(`\n| wall time, with change events vs without (2 workers, ${cost.events} events) | ${cost.ratio.toFixed(2)}× (${cost.withEvents.toFixed(2)} s vs ${cost.withoutEvents.toFixed(2)} s) | ${cost.target} |`);
      return;
    }
    const baseline = await round('fetch-only baseline, 2 workers', 2, false);
    // The cost of change events: the same sync with them turned off (SYNC_DATA_EVENTS=false, this baseline only).
    const withoutEvents = await round('sync and store without change events, 2 workers', 2, true, main, { SYNC_DATA_EVENTS: 'false' });
    const stored = await round('sync and store, 2 workers', 2, true);
    const one = await round(`scaling: 1 worker, ${SCALING_USERS} users`, 1, true, scaling, SCALING_WORKER);
    const four = await round(`scaling: 4 workers, ${SCALING_USERS} users`, 4, true, scaling, SCALING_WORKER);
    await refill(stack, main);
    const ingestion = await ingestionRatio(stack);
    const budget = await measureRequestBudget(stack, DAYS, BUDGET_USERS, 75_000_000);

    const report = { ...buildReport(baseline, stored, one, four, ingestion), changeEvents: changeEventCost(withoutEvents, stored), budget };
    const dir = join('dist', 'bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sync-report.json'), JSON.stringify(report, null, 2));
    print(report);
  } finally {
    await stack.stop();
  }
}

function buildReport(baseline: Round, stored: Round, one: Round, four: Round, ingestion: Awaited<ReturnType<typeof ingestionRatio>>) {
  return {
    at: new Date().toISOString(),
    users: USERS,
    days: DAYS,
    latencyMs: LATENCY_MS,
    wallTime: { baseline: baseline.seconds, stored: stored.seconds, ratio: stored.seconds / baseline.seconds, target: '≤ 1.25' },
    scaling: {
      oneWorkerRps: one.requests / one.seconds,
      fourWorkersRps: four.requests / four.seconds,
      ratio: four.requests / four.seconds / (one.requests / one.seconds),
      target: '≥ 3.2',
    },
    ingestion,
    requestsPerUserDay: stored.requests / (USERS * DAYS),
    byEndpoint: Object.fromEntries(
      Object.entries(stored.byRoute)
        .sort(([, a], [, b]) => b - a)
        .map(([route, n]) => [route, Number((n / (USERS * DAYS)).toFixed(3))]),
    ),
    sameRequests: baseline.requests === stored.requests,
    failedJobs: baseline.failed + stored.failed + one.failed + four.failed,
  };
}
type BenchReport = ReturnType<typeof buildReport> & { changeEvents: ReturnType<typeof changeEventCost>; budget: RequestBudget };

/** Sync wall time with change events against the same sync without them (README, "Change events"). */
function changeEventCost(without: Round, withEvents: Round) {
  return { withoutEvents: without.seconds, withEvents: withEvents.seconds, ratio: withEvents.seconds / without.seconds, events: withEvents.events, target: '≤ 1.10' };
}

/** A stored run's data, so the ingestion comparison has real rows. */
async function refill(stack: PlatformStack, tokens: string[]): Promise<void> {
  const worker = await stack.startWorker({ LOG_LEVEL: 'warn' });
  await Promise.all(tokens.map((token) => stack.gateway.post('/v1/sync', { types: ['health'] }, { token })));
  for (;;) {
    const [{ open }] = await stack.database.dataSource.query(`SELECT count(*)::int AS open FROM sync_jobs WHERE status NOT IN ${TERMINAL}`);
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await worker.process.stop('SIGTERM');
  stack.workers.splice(0);
}

interface HealthRow {
  user_id: string;
  calendar_date: string;
  metric: string;
  value: number | null;
  raw: unknown;
}

/** Rows per second through our upsert path against COPY of the same rows, both into tables shaped like daily_health. */
async function ingestionRatio(stack: PlatformStack) {
  const db = stack.database.dataSource;
  const rows: HealthRow[] = await db.query(`SELECT user_id, to_char(calendar_date, 'YYYY-MM-DD') AS calendar_date, metric, value, raw FROM daily_health`);
  await db.query(`CREATE TABLE bench_upsert (LIKE daily_health INCLUDING ALL)`);
  await db.query(`CREATE TABLE bench_copy (LIKE daily_health INCLUDING ALL)`);
  const spec: UpsertSpec<HealthRow> = {
    table: 'bench_upsert',
    columns: ['user_id', 'calendar_date', 'metric', 'value', 'raw'],
    key: ['user_id', 'calendar_date', 'metric'],
    update: ['value', 'raw'],
    casts: { raw: 'jsonb' },
    touch: true,
    values: (r) => [r.user_id, r.calendar_date, r.metric, r.value, JSON.stringify(r.raw)],
  };
  // The way the worker writes: one upsert per 28-day chunk of a user.
  const perUser = new Map<string, HealthRow[]>();
  for (const row of rows) perUser.set(row.user_id, [...(perUser.get(row.user_id) ?? []), row]);
  const t0 = performance.now();
  for (const batch of perUser.values()) await upsertRows(db.manager, spec, batch);
  const upsertSeconds = (performance.now() - t0) / 1000;

  const csv = join(tmpdir(), `bench-copy-${process.pid}.csv`);
  const quote = (v: unknown) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
  writeFileSync(csv, rows.map((r) => [r.user_id, r.calendar_date, r.metric, r.value, JSON.stringify(r.raw), 'now', 'now'].map((v, i) => (i >= 5 ? new Date().toISOString() : quote(v))).join(',')).join('\n'));
  const psql = (command: string) => execFileSync('psql', ['-q', stack.database.url, '-c', command]);
  const s0 = performance.now();
  psql('SELECT 1');
  const startup = (performance.now() - s0) / 1000;
  const c0 = performance.now();
  psql(`\\copy bench_copy (user_id, calendar_date, metric, value, raw, created_at, updated_at) FROM '${csv}' WITH (FORMAT csv)`);
  const copySeconds = Math.max(0.001, (performance.now() - c0) / 1000 - startup);
  const upsertRps = rows.length / upsertSeconds;
  const copyRps = rows.length / copySeconds;
  log(`ingestion: ${rows.length} rows, upsert ${upsertRps.toFixed(0)} rows/s, COPY ${copyRps.toFixed(0)} rows/s`);
  return { rows: rows.length, upsertRowsPerSecond: upsertRps, copyRowsPerSecond: copyRps, ratio: upsertRps / copyRps, target: '≥ 0.25' };
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function print(report: BenchReport): void {
  const f = (n: number) => n.toFixed(2);
  log('');
  log(`| figure | value | target |`);
  log(`|---|---|---|`);
  log(`| wall time, store vs fetch-only (2 workers) | ${f(report.wallTime.ratio)}× (${f(report.wallTime.stored)} s vs ${f(report.wallTime.baseline)} s) | ${report.wallTime.target} |`);
  const events = report.changeEvents;
  log(`| wall time, with change events vs without (2 workers, ${events.events} events) | ${f(events.ratio)}× (${f(events.withEvents)} s vs ${f(events.withoutEvents)} s) | ${events.target} |`);
  log(
    `| throughput, 4 workers vs 1 (latency-bound: 1 job × 1 request per worker) | ${f(report.scaling.ratio)}× (${report.scaling.fourWorkersRps.toFixed(0)} vs ${report.scaling.oneWorkerRps.toFixed(0)} req/s) | ${report.scaling.target} |`,
  );
  log(`| ingestion, upsert vs COPY | ${f(report.ingestion.ratio)}× (${report.ingestion.upsertRowsPerSecond.toFixed(0)} vs ${report.ingestion.copyRowsPerSecond.toFixed(0)} rows/s) | ${report.ingestion.target} |`);
  log(`| requests per synced user-day | ${f(report.requestsPerUserDay)} | |`);
  log('');
  log('requests per user-day by endpoint:');
  for (const [route, n] of Object.entries(report.byEndpoint)) log(`  ${String(n).padStart(6)}  ${route}`);
  printRequestBudget(report.budget, log);
  log(`\nsame requests in the baseline and the stored run: ${report.sameRequests}; jobs not completed: ${report.failedJobs}`);
  log(`report written to dist/bench/sync-report.json`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
