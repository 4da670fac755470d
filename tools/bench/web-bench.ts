// The web app's three targets, each against a baseline measured in the same run:
//   - first load: the JavaScript index.html loads (entry and its preloaded chunks), gzipped, at most 250 KB;
//   - the health page with 365 days of 8 metrics renders in under 150 ms more than the same page with no data
//     (both in Debian's Chromium, from the route change to the page's `health:rendered` mark);
//   - 200 open job event streams on one gateway replica add under 5% of a core over the same gateway idle.
//   npm run bench:web
import { createDataSource, runMigrations } from '@fittrack/persistence';
import { PlatformStack, seedArchiveUser } from '@fittrack/testing';
import { EventSource } from 'eventsource';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { chromium, Page } from 'playwright-core';

const WEB_DIST = 'dist/apps/web';
const FIRST_LOAD_TARGET_KB = 250;
const HEALTH_TARGET_MS = 150;
const SSE_TARGET_PERCENT = 5;
const STREAMS = 200;
const HEALTH_METRICS = ['sleep', 'heart_rate', 'hrv', 'stress', 'body_battery', 'steps', 'weight', 'training_readiness'];
const RUNS = 5;
const CPU_WINDOW_MS = 15_000;

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** The scripts index.html makes the browser fetch before anything runs: its module entry and modulepreload links. */
function firstLoadKb(): { kb: number; files: string[] } {
  const index = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const files = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(WEB_DIST, file)), { level: 9 }).length, 0);
  return { kb: bytes / 1024, files };
}

const allJsKb = () =>
  readdirSync(join(WEB_DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(WEB_DIST, 'assets', f)), { level: 9 }).length, 0) / 1024;

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function cpuPercentOver(pid: number, ms: number): Promise<number> {
  const before = cpuSeconds(pid);
  await sleep(ms);
  return ((cpuSeconds(pid) - before) / (ms / 1000)) * 100;
}

/** The time from a route change to the health page's mark, in the page's own clock. */
async function healthRenderMs(page: Page, baseUrl: string, days: number): Promise<number> {
  await page.goto(`${baseUrl}/#/sync`);
  await page.getByRole('heading', { name: 'Sync', exact: true }).waitFor();
  return page.evaluate(async (range) => {
    performance.clearMarks('health:rendered');
    const started = performance.now();
    const rendered = new Promise<number>((resolve) => {
      const poll = () => {
        const [mark] = performance.getEntriesByName('health:rendered');
        if (mark) resolve(mark.startTime - started);
        else setTimeout(poll, 5);
      };
      poll();
    });
    window.location.hash = `#/health?days=${range}`;
    return rendered;
  }, days);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function signInPage(stack: PlatformStack, browser: import('playwright-core').Browser, account: { email: string; password: string; displayName: string }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto(`${stack.gateway.url}/`);
  await page.getByLabel('Garmin email').fill(account.email);
  await page.getByLabel('Garmin password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Health' }).waitFor();
  return page;
}

async function main(): Promise<void> {
  const load = firstLoadKb();
  console.log(`first load: ${load.kb.toFixed(1)} KB of gzipped JavaScript (${load.files.join(', ')}); all chunks together ${allJsKb().toFixed(1)} KB`);
  console.log(`  target <= ${FIRST_LOAD_TARGET_KB} KB: ${verdict(load.kb <= FIRST_LOAD_TARGET_KB)} (${(load.kb / FIRST_LOAD_TARGET_KB).toFixed(2)}x of the budget)`);

  const stack = await PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 4 }),
    gateways: 1,
    workers: 0,
    env: { LOG_LEVEL: 'warn', NIGHTLY_ENABLED: 'false', SSE_MAX_STREAMS_PER_USER: String(STREAMS), SYNC_MAX_OPEN_JOBS_PER_USER: String(STREAMS) },
    simEnv: { LOG_LEVEL: 'silent' },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // Two people: one with a year of 8 metrics (written straight into the database), one with nothing.
    const full = { email: 'bench-full@fittrack.test', password: 'pw-bench-full', displayName: 'bench-full', profileId: 96_000_001 };
    const empty = { email: 'bench-empty@fittrack.test', password: 'pw-bench-empty', displayName: 'bench-empty', profileId: 96_000_002 };
    for (const account of [full, empty]) await stack.sim.admin('/accounts', { ...account, mfa: 'none', historyDays: 30 });
    await seedArchiveUser(stack.database.dataSource, { profileId: full.profileId, activities: 1, fileKb: 1, days: 365, metrics: HEALTH_METRICS });
    const [fullPage, emptyPage] = [await signInPage(stack, browser, full), await signInPage(stack, browser, empty)];
    await healthRenderMs(fullPage, stack.gateway.url, 365); // warm-up: code chunks, caches
    await healthRenderMs(emptyPage, stack.gateway.url, 365);
    const [withData, baseline]: [number[], number[]] = [[], []];
    for (let run = 0; run < RUNS; run++) {
      baseline.push(await healthRenderMs(emptyPage, stack.gateway.url, 365));
      withData.push(await healthRenderMs(fullPage, stack.gateway.url, 365));
    }
    const extra = median(withData) - median(baseline);
    console.log(`health page, 365 days x ${HEALTH_METRICS.length} metrics: median ${median(withData).toFixed(0)} ms vs ${median(baseline).toFixed(0)} ms with no data (runs: ${withData.map((v) => v.toFixed(0)).join(', ')} / ${baseline.map((v) => v.toFixed(0)).join(', ')})`);
    console.log(`  difference ${extra.toFixed(0)} ms, target < ${HEALTH_TARGET_MS} ms: ${verdict(extra < HEALTH_TARGET_MS)}`);

    // 200 event streams of jobs that stay pending (no worker): each held open, kept alive, and in the safety check.
    const pid = stack.gateway.process.pid;
    if (pid === undefined) throw new Error('the gateway is not running');
    const token = (await stack.gateway.post('/v1/auth/login', { email: empty.email, password: empty.password }, { ip: '203.0.113.77' })).body.accessToken as string;
    const jobs: string[] = [];
    for (let i = 0; jobs.length < STREAMS; i++) {
      const from = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const started = await stack.gateway.post('/v1/sync', { types: ['health'], from, to: from }, { token });
      if (started.status !== 202 && started.status !== 200) throw new Error(`could not start job ${i}: ${JSON.stringify(started.body)}`);
      jobs.push(started.body.id);
    }
    await sleep(2000);
    const idle = await cpuPercentOver(pid, CPU_WINDOW_MS);
    const fetchWithToken: typeof fetch = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    const streams = jobs.map((id) => new EventSource(`${stack.gateway.url}/v1/sync/jobs/${id}/events`, { fetch: fetchWithToken }));
    let opened = 0;
    for (const stream of streams) stream.addEventListener('job', () => (opened += 1), { once: true });
    const deadline = Date.now() + 30_000;
    while (opened < STREAMS && Date.now() < deadline) await sleep(100);
    if (opened < STREAMS) throw new Error(`only ${opened} of ${STREAMS} streams opened`);
    await sleep(2000);
    const busy = await cpuPercentOver(pid, CPU_WINDOW_MS);
    for (const stream of streams) stream.close();
    const added = busy - idle;
    console.log(`SSE: ${STREAMS} open streams, gateway CPU ${busy.toFixed(2)}% of a core vs ${idle.toFixed(2)}% idle over ${CPU_WINDOW_MS / 1000} s`);
    console.log(`  added ${added.toFixed(2)} points, target < ${SSE_TARGET_PERCENT}: ${verdict(added < SSE_TARGET_PERCENT)}`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
