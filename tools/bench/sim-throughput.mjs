// Throughput of the Garmin simulator's activity list, against a bare route of the
// same server measured in the same run (the machines are shared and noisy, so only
// the ratio and the absolute figure printed together mean something).
//   npx nx build garmin-sim && node tools/bench/sim-throughput.mjs
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const TARGET_RPS = 3000;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const base = `http://127.0.0.1:${port}`;
const sim = spawn(process.execPath, ['dist/apps/garmin-sim/main.js'], {
  env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => sim.kill('SIGTERM');
process.on('exit', stop);

for (let i = 0; ; i++) {
  if (await fetch(`${base}/__sim/ping`).then((r) => r.ok, () => false)) break;
  if (i > 100) throw new Error('garmin-sim did not start (did you run `npx nx build garmin-sim`?)');
  await new Promise((r) => setTimeout(r, 100));
}
const { access_token: token } = await (await fetch(`${base}/__sim/accounts/demo@fittrack.test/token`, { method: 'POST' })).json();
const listUrl = `${base}/activitylist-service/activities/search/activities?start=0&limit=20`;
const check = await fetch(listUrl, { headers: { authorization: `Bearer ${token}` } });
if (!check.ok) throw new Error(`activity list answered ${check.status}`);

async function measure(title, url, headers = {}) {
  const result = await autocannon({ url, headers, connections: 32, pipelining: 1, duration: DURATION_S });
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

// Warm both routes (JIT, caches) before measuring.
await autocannon({ url: listUrl, headers: { authorization: `Bearer ${token}` }, connections: 8, duration: 2 });
const baseline = await measure('bare route   GET /__sim/ping', `${base}/__sim/ping`);
const list = await measure('activity list (limit=20)    ', listUrl, { authorization: `Bearer ${token}` });
stop();

for (const r of [baseline, list]) {
  console.log(`${r.title}  ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   non-2xx ${r.non2xx}`);
}
console.log(`activity list / bare route: ${(list.rps / baseline.rps).toFixed(2)}x`);
const pass = list.rps >= TARGET_RPS && list.non2xx === 0;
console.log(`target: >= ${TARGET_RPS} activity-list req/s -> ${pass ? 'PASS' : 'FAIL'}`);
process.exitCode = pass ? 0 : 1;
