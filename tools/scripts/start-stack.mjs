// `npm start`: builds what is needed, migrates the database, and runs the Garmin
// simulator, the gateway and two workers against the local PostgreSQL and NATS.
// GARMIN_* variables pointing at Garmin itself leave the simulator out. Ctrl-C stops all.
import { execFileSync, spawn } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { createRequire } from 'node:module';

const env = { ...process.env };
// The local simulator can take far more than Garmin's conservative defaults; a demo need not crawl.
if (!env.GARMIN_SSO_URL) {
  env.GARMIN_ACCOUNT_RATE_PER_SECOND ??= '25';
  env.GARMIN_GLOBAL_RATE_PER_SECOND ??= '100';
  // Nor need it the human pauses that the widget and portal sign-ins make before posting a password to Garmin.
  env.GARMIN_WIDGET_PAUSE_MS ??= '0';
  env.GARMIN_PORTAL_PAUSE_MS ??= '0';
}
const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fittrack';
const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const gatewayPort = env.GATEWAY_PORT ?? '3000';
const workerPort = env.WORKER_PORT ?? '3001';
const simulatorPort = env.SIM_PORT ?? '4010';
// Each app's admin listener (/metrics) needs a port of its own on one machine: the gateway's, then one per worker.
// METRICS_PORT=0 turns them all off.
const metricsPort = Number(env.METRICS_PORT ?? 9464);
const metricsPortOf = (index) => String(metricsPort === 0 ? 0 : metricsPort + index);
// The simulator plays Garmin unless the configuration names another Garmin.
const useSimulator = !env.GARMIN_SSO_URL || /^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(env.GARMIN_SSO_URL);

function address(url) {
  const { hostname, port } = new URL(url.split(',')[0]);
  return { host: hostname, port: Number(port) };
}

function reachable({ host, port }) {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function requireDependency(name, url, variable, hint) {
  const target = address(url);
  if (await reachable(target)) return;
  console.error(`${name} is unreachable at ${target.host}:${target.port} (${variable}).\n  Start it with: ${hint}`);
  process.exit(1);
}

await requireDependency('PostgreSQL', databaseUrl, 'DATABASE_URL', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
await requireDependency('NATS', natsUrl, 'NATS_URL',
  'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server');

const run = (cmd, args, extraEnv = {}) => execFileSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
console.log('Building…');
const projects = ['auth-gateway', 'web', 'sync-worker', 'migrate', 'cli', ...(useSimulator ? ['garmin-sim'] : [])];
run('npx', ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'], {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
});
console.log('Migrating…');
run('node', ['dist/tools/migrate/main.js', 'up'], { DATABASE_URL: databaseUrl });

const services = [
  ...(useSimulator ? [{ name: 'garmin-sim', entry: 'dist/apps/garmin-sim/main.js', port: simulatorPort, ready: '/__sim/accounts' }] : []),
  { name: 'auth-gateway', entry: 'dist/apps/auth-gateway/main.js', port: gatewayPort, metricsPort: metricsPortOf(0) },
  // Two workers on the one JetStream consumer: scaling out is starting more of them.
  { name: 'sync-worker-1', entry: 'dist/apps/sync-worker/main.js', port: workerPort, metricsPort: metricsPortOf(1) },
  { name: 'sync-worker-2', entry: 'dist/apps/sync-worker/main.js', port: String(Number(workerPort) + 1), metricsPort: metricsPortOf(2) },
];
const children = new Map();
let stopping = false;

/** On a terminal, the apps' JSON log lines become readable ones (pino-pretty); piped anywhere else they stay JSON. */
const pretty = process.stdout.isTTY
  ? createRequire(import.meta.url)('pino-pretty').prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,context' })
  : undefined;

function prefixLines(name, stream, out) {
  let buffer = '';
  stream.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) out.write(`[${name}] ${pretty && line.startsWith('{') ? pretty(line).trimEnd() : line}\n`);
  });
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  const exits = [...children.values()].map(
    (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))),
  );
  await Promise.all(exits);
  process.exit(code);
}

for (const service of services) {
  const child = spawn(process.execPath, [service.entry], {
    env: { ...env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, PORT: service.port, ...(service.metricsPort && { METRICS_PORT: service.metricsPort }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(service.name, child.stdout, process.stdout);
  prefixLines(service.name, child.stderr, process.stderr);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${service.name} exited (${signal ?? code}); stopping the stack`);
    void stopAll(1);
  });
  children.set(service.name, child);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function waitReady(service) {
  const url = `http://127.0.0.1:${service.port}${service.ready ?? '/health/ready'}`;
  for (let i = 0; i < 120 && !stopping; i++) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} did not become ready at ${url}`);
}

try {
  await Promise.all(services.map(waitReady));
} catch (error) {
  console.error(String(error.message ?? error));
  await stopAll(1);
}
console.log(`
FitTrack Garmin Sync is running:
  web app       http://127.0.0.1:${gatewayPort}/   (sign in with a demo account below)${useSimulator ? `
  garmin-sim    http://127.0.0.1:${simulatorPort}   demo accounts: demo@fittrack.test / demo-password,
                mfa@fittrack.test / mfa-password (MFA codes: /__sim/mfa/<email>)` : ''}
  auth-gateway  http://127.0.0.1:${gatewayPort}   (API docs: /docs, health: /health/ready)
  sync-worker   http://127.0.0.1:${workerPort} and :${Number(workerPort) + 1}   (two replicas; health: /health/ready)
  metrics       ${metricsPort === 0 ? 'off (METRICS_PORT=0)' : `http://127.0.0.1:${metricsPortOf(0)}/metrics (gateway), :${metricsPortOf(1)} and :${metricsPortOf(2)} (workers)`}
  PostgreSQL    ${address(databaseUrl).host}:${address(databaseUrl).port}   NATS ${address(natsUrl).host}:${address(natsUrl).port}
In another terminal: npx garmin-sync login mfa@fittrack.test, then npx garmin-sync sync --watch
Press Ctrl-C to stop.`);
