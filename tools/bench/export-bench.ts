// The archive export's memory: a worker exporting 1,000 activities (with their original files) keeps its peak RSS
// under 200 MB, because the ZIP is streamed into chunks as it is made. Baseline, in the same run: the same worker
// idle, and exporting 100 activities; the gateway streaming the 1,000-activity download is measured too.
//   npm run bench:export      (BENCH_EXPORT_ACTIVITIES to change the count, BENCH_EXPORT_FILE_KB the size of each file)
import { createDataSource, runMigrations } from '@fittrack/persistence';
import { PlatformStack, seedArchiveUser } from '@fittrack/testing';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const ACTIVITIES = Number(process.env['BENCH_EXPORT_ACTIVITIES'] ?? 1000);
const BASELINE_ACTIVITIES = Math.max(1, Math.round(ACTIVITIES / 10));
const FILE_KB = Number(process.env['BENCH_EXPORT_FILE_KB'] ?? 250);
const DAYS = 365;
const METRICS = ['summary', 'sleep', 'heart_rate', 'stress', 'body_battery', 'steps', 'hrv', 'respiration'];
const TARGET_MB = 200;

/** Resident set size of a process now, in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

function pidOf(app: { process: { pid?: number } }): number {
  if (app.process.pid === undefined) throw new Error('the app is not running');
  return app.process.pid;
}

/** The highest RSS of `pid` while `work` runs, sampled every 20 ms. */
async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ peak: number; result: T }> {
  let peak = rssMb(pid);
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, rssMb(pid));
      await sleep(20);
    }
  })();
  try {
    const result = await work();
    return { peak, result };
  } finally {
    running = false;
    await sampler;
  }
}

async function main(): Promise<void> {
  const stack = await PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 4 }),
    gateways: 1,
    workers: 1,
    env: { LOG_LEVEL: 'warn', NIGHTLY_ENABLED: 'false' },
    simEnv: { LOG_LEVEL: 'silent' },
  });
  try {
    const db = stack.database.dataSource;
    const workerPid = pidOf(stack.workers[0]);
    const gatewayPid = pidOf(stack.gateway);
    const seed = async (profileId: number, activities: number) =>
      (await seedArchiveUser(db, { profileId, activities, fileKb: FILE_KB, days: DAYS, metrics: METRICS })).token;
    const exportFor = async (token: string) => {
      const t0 = performance.now();
      const started = await stack.gateway.post('/v1/exports', {}, { token });
      if (started.status !== 202) throw new Error(`POST /v1/exports answered ${started.status}: ${JSON.stringify(started.body)}`);
      for (;;) {
        const { body } = await stack.gateway.get(`/v1/exports/${started.body.id}`, { token });
        if (body.status === 'completed') return { view: body, seconds: (performance.now() - t0) / 1000 };
        if (body.status === 'failed') throw new Error(`export failed: ${body.error}`);
        await sleep(100);
      }
    };

    log(`seeding ${BASELINE_ACTIVITIES} and ${ACTIVITIES} activities (${FILE_KB} KB files) with ${DAYS} days of ${METRICS.length} metrics each`);
    const small = await seed(71_000_001, BASELINE_ACTIVITIES);
    const large = await seed(71_000_002, ACTIVITIES);
    await sleep(1000);
    const idle = rssMb(workerPid);
    const gatewayIdle = rssMb(gatewayPid);
    const baseline = await peakRssDuring(workerPid, () => exportFor(small));
    const measured = await peakRssDuring(workerPid, () => exportFor(large));
    const download = await peakRssDuring(gatewayPid, async () => {
      const answer = await fetch(`${stack.gateway.url}${measured.result.view.downloadUrl}`, { headers: { authorization: `Bearer ${large}` } });
      let bytes = 0;
      for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      return bytes;
    });
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    log('');
    log('| figure | value | ratio to the baseline | target |');
    log('|---|---|---|---|');
    log(`| worker RSS, idle (baseline) | ${idle.toFixed(0)} MB | 1.00× | |`);
    log(`| worker peak RSS, exporting ${BASELINE_ACTIVITIES} activities (${mb(baseline.result.view.sizeBytes)} MB ZIP, ${baseline.result.seconds.toFixed(1)} s) | ${baseline.peak.toFixed(0)} MB | ${(baseline.peak / idle).toFixed(2)}× idle | |`);
    log(
      `| worker peak RSS, exporting ${ACTIVITIES} activities (${mb(measured.result.view.sizeBytes)} MB ZIP, ${measured.result.seconds.toFixed(1)} s) | ${measured.peak.toFixed(0)} MB | ` +
        `${(measured.peak / idle).toFixed(2)}× idle, ${(measured.peak / baseline.peak).toFixed(2)}× the ${BASELINE_ACTIVITIES}-activity export | < ${TARGET_MB} MB: ${measured.peak < TARGET_MB ? 'PASS' : 'FAIL'} |`,
    );
    log(`| gateway RSS before the download | ${gatewayIdle.toFixed(0)} MB | 1.00× | |`);
    log(
      `| gateway peak RSS, streaming that ZIP's download (${mb(download.result)} MB) | ${download.peak.toFixed(0)} MB | ${(download.peak / gatewayIdle).toFixed(2)}× | ` +
        `< ${TARGET_MB} MB: ${download.peak < TARGET_MB ? 'PASS' : 'FAIL'} |`,
    );
    if (download.result !== measured.result.view.sizeBytes) throw new Error(`downloaded ${download.result} bytes of ${measured.result.view.sizeBytes}`);
  } finally {
    await stack.stop();
  }
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
