import { GARMIN_HOSTS } from '@fittrack/garmin';
import { runMigrations } from '@fittrack/persistence';
import { createTestDatabase, createTestNamespace, freePort, ServiceProcess, SIM_CONSUMER, TestDatabase } from '@fittrack/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRY = 'dist/apps/auth-gateway/main.js';
const DEV_KEYRING = 'dev:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=';

/** A secrets folder as compose's init service leaves it: one file per secret, a trailing newline. */
function secretFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'secrets-')), name);
  writeFileSync(path, `${content}\n`, { mode: 0o600 });
  return path;
}

describe('secure by default: production refuses unsafe settings, /metrics and /docs stay off the public API', () => {
  let database: TestDatabase;
  const prefix = createTestNamespace('secure');
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: runMigrations });
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    await database?.drop();
  });

  /** A gateway process on its own API and admin ports, ready. */
  async function gateway(env: Record<string, string>) {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${port}`;
    const process = new ServiceProcess({
      entry: ENTRY,
      env: {
        DATABASE_URL: database.url,
        NATS_URL: 'nats://127.0.0.1:4222',
        NATS_SUBJECT_PREFIX: prefix,
        NIGHTLY_ENABLED: 'false',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        ...env,
      },
      readyUrl: `${url}/health/ready`,
    });
    running.push(process);
    await process.start();
    return { process, url, adminUrl: `http://127.0.0.1:${metricsPort}` };
  }

  const status = async (url: string) => (await fetch(url)).status;

  it("exits 1 in production with the simulator's hosts, the development key and the simulator's consumer, naming each and what to set", async () => {
    const refused = new ServiceProcess({
      entry: ENTRY,
      env: {
        NODE_ENV: 'production',
        PORT: String(await freePort()),
        GARMIN_SSO_URL: 'http://127.0.0.1:4010',
        GARMIN_CONNECTAPI_URL: 'http://garmin-sim:4010',
        GARMIN_DIAUTH_URL: 'https://localhost:4010',
        GARMIN_CONNECT_URL: 'https://[::1]:4010',
        GARMIN_OAUTH_CONSUMER_KEY: SIM_CONSUMER.key,
        GARMIN_OAUTH_CONSUMER_SECRET: SIM_CONSUMER.secret,
        // Through the file rule, as compose passes it: the file's key is judged like the variable's.
        ENCRYPTION_KEYS_FILE: secretFile('encryption-keys', DEV_KEYRING),
      },
    });
    await refused.start();
    const exit = await refused.waitForExit(30_000);
    const logs = refused.logs;
    console.log(`production refusal, exit ${exit.code}:\n${logs}`);
    expect(exit.code).toBe(1);
    expect(logs).toContain('Invalid configuration for auth-gateway');
    expect(logs).toContain('GARMIN_SSO_URL must be https:// in production (it is http://127.0.0.1:4010): set GARMIN_SSO_URL=https://sso.garmin.com');
    expect(logs).toContain('GARMIN_CONNECTAPI_URL must be https:// in production (it is http://garmin-sim:4010)');
    expect(logs).toContain('GARMIN_DIAUTH_URL points at a local-only name (localhost), which production refuses: set GARMIN_DIAUTH_URL=https://diauth.garmin.com');
    expect(logs).toContain('GARMIN_CONNECT_URL points at a loopback or private address ([::1])');
    expect(logs).toContain('ENCRYPTION_KEYS holds the development key ("dev"), which is public');
    expect(logs).toContain("GARMIN_OAUTH_CONSUMER_KEY/SECRET are the simulator's");
    for (const secret of [DEV_KEYRING.split(':')[1], SIM_CONSUMER.secret]) expect(logs).not.toContain(secret);
  });

  it('in production with Garmin’s hosts and a key from a file: serves the API, but /metrics and /docs only where they belong', async () => {
    const production = await gateway({
      NODE_ENV: 'production',
      ...GARMIN_HOSTS,
      ENCRYPTION_KEYS_FILE: secretFile('encryption-keys', `k1:${randomBytes(32).toString('base64')}`),
    });
    expect(await status(`${production.url}/health/ready`)).toBe(200);
    expect(await status(`${production.url}/metrics`)).toBe(404);
    expect(await status(`${production.url}/docs`)).toBe(404);
    expect(await status(`${production.url}/docs/json`)).toBe(404);

    const metrics = await fetch(`${production.adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    // The API port's refusals are counted, and only /metrics lives on the admin port.
    expect(await metrics.text()).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} [3-9]/);
    expect(await status(`${production.adminUrl}/v1/auth/me`)).toBe(404);
    expect(await status(`${production.adminUrl}/health/ready`)).toBe(404);
    console.log('production gateway: /health/ready 200 and /metrics, /docs 404 on the API port; /metrics 200 on the admin port');
  });

  it('serves /docs in development unless DOCS_ENABLED=false, and never /metrics on the API port', async () => {
    const development = await gateway({});
    expect(await status(`${development.url}/docs/json`)).toBe(200);
    expect(await status(`${development.url}/metrics`)).toBe(404);
    expect(await status(`${development.adminUrl}/metrics`)).toBe(200);

    const docsOff = await gateway({ DOCS_ENABLED: 'false', METRICS_PORT: '0', LOG_LEVEL: 'info' });
    expect(await status(`${docsOff.url}/docs`)).toBe(404);
    expect(await status(`${docsOff.url}/docs/json`)).toBe(404);
    expect(await status(`${docsOff.url}/health/ready`)).toBe(200);
    expect(docsOff.process.logs).toContain('serves no /metrics (METRICS_PORT=0)');
    console.log('development gateway: /docs/json 200 by default, 404 with DOCS_ENABLED=false; /metrics only on the admin port');
  });
});
