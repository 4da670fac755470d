// GET /v1/sync/jobs/:id with a valid token (the whole gateway: auth, validation, the Nest pipeline) against a
// bare route on the same Fastify instance reading the same row, measured in the same run. Target: ≥ 0.5×.
// The same for the read API: a page of 50 activities (GET /v1/activities?limit=50) and a metric over 365 days
// (GET /v1/health/steps), each against a bare route running the same store query, on seeded rows.
//   npm run bench:gateway      (BENCH_SECONDS per endpoint, default 10)
import { createDataSource, runMigrations } from '@fittrack/persistence';
import { PlatformStack } from '@fittrack/testing';
import autocannon from 'autocannon';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const TARGET = 0.5;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({ url, headers, connections: 50, duration: SECONDS });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  const stack = await PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 2 }),
    gateways: 1,
    env: { LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn', BENCH_BARE_ROUTE: 'true', DATABASE_POOL_SIZE: '20' },
    simEnv: { LOG_LEVEL: 'silent' },
  });
  try {
    const { body: signedIn } = await stack.gateway.post('/v1/auth/login', { email: 'demo@fittrack.test', password: 'demo-password' });
    const { body: job } = await stack.gateway.post('/v1/sync', { types: ['workouts'] }, { token: signedIn.accessToken });
    const userId = signedIn.user.id as string;
    const { from, to } = await seedReads(stack, userId);
    const auth = { authorization: `Bearer ${signedIn.accessToken}` };
    const pairs: [string, string, string, string][] = [
      ['GET /v1/sync/jobs/:id', `/v1/sync/jobs/${job.id}`, 'bare Fastify route, same row', `/__bench/jobs/${job.id}`],
      ['GET /v1/activities?limit=50', '/v1/activities?limit=50', 'bare Fastify route, same page query', `/__bench/activities?userId=${userId}&limit=50`],
      [
        'GET /v1/health/steps (365 days)',
        `/v1/health/steps?from=${from}&to=${to}`,
        'bare Fastify route, same range query',
        `/__bench/health?userId=${userId}&metric=steps&from=${from}&to=${to}`,
      ],
    ];
    const line = (name: string, f: Figures) => `| ${name} | ${f.rps.toFixed(0)} | ${f.p50} ms | ${f.p99} ms | ${f.errors + f.non2xx} |`;
    const out = [`50 connections, ${SECONDS} s each, one gateway process, PostgreSQL on this machine`, '', '| route | req/s | p50 | p99 | errors + non-2xx |', '|---|---|---|---|---|'];
    const verdicts: string[] = [];
    for (const [name, path, bareName, barePath] of pairs) {
      const api = await load(`${stack.gateway.url}${path}`, auth);
      const bare = await load(`${stack.gateway.url}${barePath}`, {});
      const ratio = api.rps / bare.rps;
      out.push(line(`${name} (token, Nest)`, api), line(bareName, bare));
      verdicts.push(`${name}: ratio ${ratio.toFixed(2)}× (target ≥ ${TARGET}×): ${ratio >= TARGET && api.errors + api.non2xx === 0 ? 'PASS' : 'FAIL'}`);
    }
    process.stdout.write([...out, '', ...verdicts, ''].join('\n'));
  } finally {
    await stack.stop();
  }
}

/** 500 activities and 365 days of steps for the benchmark's user, straight into the tables the sync fills. */
async function seedReads(stack: PlatformStack, userId: string): Promise<{ from: string; to: string }> {
  const query = (sql: string, params: unknown[]) => stack.database.dataSource.query(sql, params);
  await query(
    `INSERT INTO activities (user_id, activity_id, name, activity_type, start_time_utc, start_date_local, duration_s, distance_m, calories, average_hr, summary)
     SELECT $1, 9000000000 + n, 'Run ' || n, 'running', now() - n * interval '14 hours', (now() - n * interval '14 hours')::date, 1800 + n, 5000 + n, 300, 140,
            jsonb_build_object('activityId', 9000000000 + n, 'activityName', 'Run ' || n)
     FROM generate_series(1, 500) AS n ON CONFLICT DO NOTHING`,
    [userId],
  );
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  await query(
    `INSERT INTO daily_health (user_id, calendar_date, metric, value, raw)
     SELECT $1, d::date, 'steps', 8000 + extract(doy FROM d), jsonb_build_object('calendarDate', d::date, 'totalSteps', 8000 + extract(doy FROM d))
     FROM generate_series($2::date, $3::date, interval '1 day') AS d ON CONFLICT DO NOTHING`,
    [userId, from, to],
  );
  return { from, to };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
