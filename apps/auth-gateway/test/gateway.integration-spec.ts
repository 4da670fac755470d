import { runMigrations } from '@fittrack/persistence';
import { createTestDatabase, freePort, ServiceProcess, TcpProxy, TestDatabase } from '@fittrack/testing';

const NATS_URL = 'nats://127.0.0.1:4222';
const ENTRY = 'dist/apps/auth-gateway/main.js';

describe('auth-gateway process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: runMigrations });
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** The gateway reaches PostgreSQL through a proxy the test can cut. */
  async function startBehindProxy() {
    const target = new URL(database.url);
    const proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const [port, metricsPort] = [await freePort(), await freePort()];
    const gateway = await new ServiceProcess({
      entry: ENTRY,
      env: { DATABASE_URL: viaProxy.toString(), NATS_URL, PORT: String(port), METRICS_PORT: String(metricsPort), LOG_LEVEL: 'warn' },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    }).start();
    return { proxy, gateway, baseUrl: `http://127.0.0.1:${port}`, adminUrl: `http://127.0.0.1:${metricsPort}` };
  }

  it('is ready with PostgreSQL and NATS, answers 503 when PostgreSQL goes away, and drains on SIGTERM', async () => {
    const { proxy, gateway, baseUrl } = await startBehindProxy();
    try {
      const ready = await fetch(`${baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ info: { postgres: { status: 'up' }, nats: { status: 'up' } } });

      await proxy.cut();
      const down = await fetch(`${baseUrl}/health/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'error', error: { postgres: { status: 'down' } } });
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);

      expect(await gateway.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await gateway.stop('SIGKILL');
      await proxy.cut();
    }
  });

  it('answers unknown routes and malformed bodies with a 4xx, never a 500', async () => {
    const { proxy, gateway, baseUrl, adminUrl } = await startBehindProxy();
    try {
      expect((await fetch(`${baseUrl}/nope`)).status).toBe(404);
      const bad = await fetch(`${baseUrl}/health/live`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.status).toBeLessThan(500);

      const metrics = await fetch(`${adminUrl}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
      expect(text).toMatch(/http_requests_total\{method="GET",route="\/health\/ready",status="200"\} \d+/);
    } finally {
      await gateway.stop('SIGKILL');
      await proxy.cut();
    }
  });

  it('refuses to start with a bad variable, naming it', async () => {
    const gateway = await new ServiceProcess({ entry: ENTRY, env: { PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z' } }).start();
    const exit = await gateway.waitForExit();
    expect(exit.code).toBe(1);
    expect(gateway.logs).toContain('Invalid configuration for auth-gateway');
    expect(gateway.logs).toContain('PORT');
    expect(gateway.logs).toContain('DATABASE_URL');
  });

  it('refuses to start when PostgreSQL is unreachable, saying which and where', async () => {
    const closedPort = await freePort();
    const gateway = await new ServiceProcess({
      entry: ENTRY,
      env: { DATABASE_URL: `postgres://postgres:pw@127.0.0.1:${closedPort}/x`, NATS_URL, PORT: String(await freePort()) },
    }).start();
    const exit = await gateway.waitForExit(30_000);
    expect(exit.code).toBe(1);
    expect(gateway.logs).toContain(`PostgreSQL is unreachable at 127.0.0.1:${closedPort} (DATABASE_URL)`);
    expect(gateway.logs).not.toContain(':pw@');
  });

  it('refuses to start when NATS is unreachable, saying which and where', async () => {
    const closedPort = await freePort();
    const gateway = await new ServiceProcess({
      entry: ENTRY,
      env: { DATABASE_URL: database.url, NATS_URL: `nats://127.0.0.1:${closedPort}`, PORT: String(await freePort()) },
    }).start();
    const exit = await gateway.waitForExit(30_000);
    expect(exit.code).toBe(1);
    expect(gateway.logs).toContain(`NATS is unreachable at 127.0.0.1:${closedPort} (NATS_URL)`);
  });

  it('serves its OpenAPI document, generated from the DTOs, at /docs', async () => {
    const { proxy, gateway, baseUrl } = await startBehindProxy();
    try {
      const page = await fetch(`${baseUrl}/docs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('swagger');
      const document = (await (await fetch(`${baseUrl}/docs/json`)).json()) as {
        paths: Record<string, unknown>;
        components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
      };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/auth/login', '/v1/auth/mfa', '/v1/auth/refresh', '/v1/auth/logout', '/v1/auth/me', '/v1/garmin/link']),
      );
      expect(document.components.schemas['LoginRequest'].required).toEqual(['email', 'password']);
      expect(Object.keys(document.components.schemas['TokenResponse'].properties)).toEqual(
        expect.arrayContaining(['accessToken', 'refreshToken', 'tokenType', 'expiresIn', 'scope', 'user']),
      );
    } finally {
      await gateway.stop('SIGKILL');
      await proxy.cut();
    }
  });
});
