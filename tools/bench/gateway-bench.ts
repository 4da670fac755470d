// GET /v1/sync/jobs/:id with a valid token (the whole gateway: auth, validation, the Nest pipeline) against a
// bare route on the same Fastify instance reading the same row, measured in the same run. Target: ≥ 0.5×.
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
    const api = await load(`${stack.gateway.url}/v1/sync/jobs/${job.id}`, { authorization: `Bearer ${signedIn.accessToken}` });
    const bare = await load(`${stack.gateway.url}/__bench/jobs/${job.id}`, {});
    const ratio = api.rps / bare.rps;
    const line = (name: string, f: Figures) =>
      `| ${name} | ${f.rps.toFixed(0)} | ${f.p50} ms | ${f.p99} ms | ${f.errors + f.non2xx} |`;
    process.stdout.write(
      [
        `50 connections, ${SECONDS} s each, one gateway process, PostgreSQL on this machine`,
        '',
        '| route | req/s | p50 | p99 | errors + non-2xx |',
        '|---|---|---|---|---|',
        line('GET /v1/sync/jobs/:id (token, Nest)', api),
        line('bare Fastify route, same row', bare),
        '',
        `ratio ${ratio.toFixed(2)}× (target ≥ ${TARGET}×): ${ratio >= TARGET && api.errors + api.non2xx === 0 ? 'PASS' : 'FAIL'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
