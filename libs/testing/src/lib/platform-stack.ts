import { dataStreamName } from '@fittrack/messaging';
import { connect } from 'nats';
import { DataSource } from 'typeorm';
import { freePort } from './free-port';
import { GarminSimulator } from './garmin-simulator';
import { ServiceProcess } from './service-process';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestNamespace } from './test-namespace';
import { keepAliveFetch } from './keep-alive-fetch';

export const LOCAL_NATS_URL = 'nats://127.0.0.1:4222';

/* eslint-disable @typescript-eslint/no-explicit-any -- a test client: callers assert on bodies of whatever shape */

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  raw?: string;
  token?: string;
  ip?: string;
  headers?: Record<string, string>;
}

/** A running app process of ours, and a small HTTP client for it. */
export class AppProcess {
  constructor(
    readonly process: ServiceProcess,
    readonly url: string,
    /** The admin listener (METRICS_PORT), where /metrics is served: never the API port. */
    readonly adminUrl?: string,
  ) {}

  /** The process's Prometheus text, from its admin listener. */
  async metrics(): Promise<string> {
    if (!this.adminUrl) throw new Error('this process was started without an admin listener (METRICS_PORT)');
    const response = await keepAliveFetch(`${this.adminUrl}/metrics`);
    if (response.status !== 200) throw new Error(`${this.adminUrl}/metrics answered ${response.status}`);
    return response.text();
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    // Our apps trust X-Forwarded-For from loopback: each test can be its own client address.
    if (options.ip) headers['x-forwarded-for'] = options.ip;
    const response = await keepAliveFetch(`${this.url}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }

  post<T = any>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) {
    return this.request<T>('POST', path, { body, ...options });
  }

  get<T = any>(path: string, options: Omit<RequestOptions, 'body'> = {}) {
    return this.request<T>('GET', path, options);
  }

  delete<T = any>(path: string, options: Omit<RequestOptions, 'body'> = {}) {
    return this.request<T>('DELETE', path, options);
  }
}

export interface PlatformStackOptions {
  /** Brings the test database to the schema (persistence's runMigrations). */
  migrate: (url: string) => Promise<unknown>;
  /** The DataSource the test reads the database through (with the entities). */
  dataSource?: (url: string) => DataSource;
  gateways?: number;
  workers?: number;
  /** For every app process. */
  env?: Record<string, string>;
  simEnv?: Record<string, string>;
  natsUrl?: string;
}

/**
 * What an end-to-end test runs against: its own database, its own NATS
 * namespace, a simulator process, and any number of gateway and worker
 * processes sharing them, all real.
 */
export class PlatformStack {
  readonly gateways: AppProcess[] = [];
  readonly workers: AppProcess[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly sim: GarminSimulator,
    readonly prefix: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: PlatformStackOptions): Promise<PlatformStack> {
    const database = await createTestDatabase({ migrate: options.migrate, dataSource: options.dataSource });
    const sim = await GarminSimulator.start(options.simEnv);
    const prefix = createTestNamespace('e2e');
    const stack = new PlatformStack(database, sim, prefix, {
      DATABASE_URL: database.url,
      NATS_URL: options.natsUrl ?? LOCAL_NATS_URL,
      NATS_SUBJECT_PREFIX: prefix,
      LOG_LEVEL: 'info',
      // A test turns the nightly schedule on when it is what it tests; it must never fire into another one.
      NIGHTLY_ENABLED: 'false',
      // Every run makes its own GARMIN_DATA stream on the shared server: small, and deleted by stop().
      DATA_STREAM_MAX_BYTES: String(64 * 1024 ** 2),
      DATA_STREAM_MAX_AGE_DAYS: '1',
      ...sim.appEnv(),
      ...options.env,
    });
    try {
      for (let i = 0; i < (options.gateways ?? 1); i++) await stack.startGateway();
      for (let i = 0; i < (options.workers ?? 0); i++) await stack.startWorker();
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  get gateway(): AppProcess {
    return this.gateways[0];
  }

  /** The environment every app process of this stack gets. */
  get appEnv(): Record<string, string> {
    return { ...this.env };
  }

  async startGateway(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await this.startApp('dist/apps/auth-gateway/main.js', env);
    this.gateways.push(app);
    return app;
  }

  async startWorker(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await this.startApp('dist/apps/sync-worker/main.js', env);
    this.workers.push(app);
    return app;
  }

  private async startApp(entry: string, env: Record<string, string>): Promise<AppProcess> {
    const port = await freePort();
    const metricsPort = await freePort();
    const process = await new ServiceProcess({
      entry,
      env: { ...this.env, PORT: String(port), METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1', ...env },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    }).start();
    return new AppProcess(process, `http://127.0.0.1:${port}`, `http://127.0.0.1:${metricsPort}`);
  }

  /** Every line the app processes wrote. */
  get logs(): string {
    return [...this.gateways, ...this.workers].map((app) => app.process.logs).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.gateways, ...this.workers].map((app) => app.process.stop('SIGTERM').catch(() => app.process.stop('SIGKILL'))));
    await this.sim?.stop();
    await this.database?.drop();
    await this.dropDataStream();
  }

  /** The run's change-event stream (limits retention keeps it otherwise); a credentialed server of a test's own is left alone. */
  private async dropDataStream(): Promise<void> {
    const nats = await connect({ servers: this.env.NATS_URL }).catch(() => undefined);
    if (!nats) return;
    try {
      await (await nats.jetstreamManager()).streams.delete(dataStreamName(this.prefix));
    } catch {
      // Never created (no change event in this run), or not ours to delete.
    } finally {
      await nats.close();
    }
  }
}
