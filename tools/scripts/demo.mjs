// `npm run demo`: a scripted tour of a running stack (start it first with `npm start`):
// signs the MFA demo account in through the CLI, runs a full sync with the progress bar,
// then shows what is stored and where to look next.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const gateway = process.env.GARMIN_SYNC_GATEWAY ?? 'http://127.0.0.1:3000';
const simulator = process.env.SIM_URL ?? 'http://127.0.0.1:4010';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fittrack';
const account = { email: 'mfa@fittrack.test', password: 'mfa-password' };
const env = { ...process.env, GARMIN_SYNC_GATEWAY: gateway, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'garmin-sync-demo-')) };
const cli = join(process.cwd(), 'dist/apps/cli/main.js');

const step = (text) => process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function reachable(url) {
  return fetch(url).then((r) => r.ok, () => false);
}

/** Runs the CLI; `answers` are typed into it when it asks. */
function garminSync(args, answers = async () => []) {
  return new Promise((resolve, reject) => {
    process.stdout.write(`$ garmin-sync ${args.join(' ')}\n`);
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['pipe', 'inherit', 'pipe'] });
    let asked = '';
    child.stderr.on('data', async (chunk) => {
      process.stderr.write(chunk);
      asked += chunk.toString();
      const lines = await answers(asked);
      for (const line of lines) child.stdin.write(`${line}\n`);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`garmin-sync ${args[0]} exited with ${code}`))));
  });
}

if (!(await reachable(`${gateway}/health/ready`)) || !(await reachable(`${simulator}/__sim/ping`))) {
  console.error(`The stack is not running (gateway ${gateway}, simulator ${simulator}).\n  Start it in another terminal with: npm start`);
  process.exit(1);
}

step(`Sign in as ${account.email} (Garmin asks for an MFA code; the demo reads it from the simulator's mailbox)`);
let typedPassword = false;
let typedCode = false;
await garminSync(['login', account.email], async (asked) => {
  if (!typedPassword && asked.includes('password')) {
    typedPassword = true;
    return [account.password];
  }
  if (!typedCode && asked.includes('Code:')) {
    typedCode = true;
    await sleep(200);
    const { code } = await (await fetch(`${simulator}/__sim/mfa/${encodeURIComponent(account.email)}`)).json();
    process.stderr.write(`(code from the mailbox: ${code})\n`);
    return [code];
  }
  return [];
});
await garminSync(['whoami']);

step('A full sync of everything, followed to the end');
await garminSync(['sync', 'all', '--watch']);

step('What is stored');
const me = await new Promise((resolve) => {
  const child = spawn(process.execPath, [cli, 'whoami', '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.on('exit', () => resolve(JSON.parse(out)));
});
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const userId = me.user.id;
const activities = await db.query(`SELECT activity_type, count(*)::int AS n FROM activities WHERE user_id = $1 GROUP BY 1 ORDER BY 2 DESC`, [userId]);
const files = await db.query(`SELECT count(*)::int AS n, coalesce(sum(size_bytes), 0)::int AS bytes FROM activity_files WHERE user_id = $1`, [userId]);
const health = await db.query(
  `SELECT metric, count(*)::int AS days, to_char(min(calendar_date), 'YYYY-MM-DD') AS first, to_char(max(calendar_date), 'YYYY-MM-DD') AS last FROM daily_health WHERE user_id = $1 GROUP BY 1 ORDER BY 1`,
  [userId],
);
const workouts = await db.query(`SELECT count(*)::int AS n FROM workouts WHERE user_id = $1`, [userId]);
await db.end();
console.log(`Activities by type (${files.rows[0].n} original FIT files, ${Math.round(files.rows[0].bytes / 1024)} KiB):`);
for (const row of activities.rows) console.log(`  ${row.activity_type.padEnd(24)} ${row.n}`);
console.log('Days of health data by kind:');
for (const row of health.rows) console.log(`  ${row.metric.padEnd(24)} ${String(row.days).padStart(3)} days (${row.first} … ${row.last})`);
console.log(`Workouts: ${workouts.rows[0].n}`);

step('Where to look next');
console.log(`  API docs         ${gateway}/docs
  Your jobs        npx garmin-sync jobs list   (credentials of this demo: ${env.XDG_CONFIG_HOME})
  Metrics          http://127.0.0.1:9464/metrics (the gateway), :9465 and :9466 (the workers), as npm start serves them
  The data         psql ${databaseUrl}  (tables activities, activity_files, daily_health, workouts)
  Everything else  README.md`);
