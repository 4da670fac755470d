import { createDataSource, runMigrations } from '@fittrack/persistence';
import {
  createTestDatabase,
  createTestNamespace,
  freePort,
  GarminSimulator,
  ServiceProcess,
  TestDatabase,
} from '@fittrack/testing';

export const NATS_URL = 'nats://127.0.0.1:4222';
const ENTRY = 'dist/apps/auth-gateway/main.js';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One gateway process, and a small HTTP client for it. */
export class Gateway {
  constructor(
    readonly process: ServiceProcess,
    readonly url: string,
  ) {}

  async request<T = any>(method: string, path: string, options: { body?: unknown; raw?: string; token?: string; ip?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    // The gateway trusts X-Forwarded-For from loopback: each test can be its own client address.
    if (options.ip) headers['x-forwarded-for'] = options.ip;
    const response = await fetch(`${this.url}${path}`, {
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

  post<T = any>(path: string, body?: unknown, options: { token?: string; ip?: string } = {}) {
    return this.request<T>('POST', path, { body, ...options });
  }

  get<T = any>(path: string, options: { token?: string; ip?: string } = {}) {
    return this.request<T>('GET', path, options);
  }

  delete<T = any>(path: string, options: { token?: string } = {}) {
    return this.request<T>('DELETE', path, options);
  }
}

export interface StackOptions {
  gateways?: number;
  env?: Record<string, string>;
}

/**
 * What a gateway test runs against: its own database (migrated), its own NATS
 * subject prefix, a simulator process, and N gateway processes sharing them.
 */
export class GatewayStack {
  private constructor(
    readonly database: TestDatabase,
    readonly sim: GarminSimulator,
    readonly prefix: string,
    readonly gateways: Gateway[],
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: StackOptions = {}): Promise<GatewayStack> {
    const database = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
    const sim = await GarminSimulator.start();
    const prefix = createTestNamespace('gw');
    const stack = new GatewayStack(database, sim, prefix, [], {
      DATABASE_URL: database.url,
      NATS_URL,
      NATS_SUBJECT_PREFIX: prefix,
      LOG_LEVEL: 'info',
      ...sim.appEnv(),
      ...options.env,
    });
    for (let i = 0; i < (options.gateways ?? 1); i++) stack.gateways.push(await stack.startGateway());
    return stack;
  }

  get gateway(): Gateway {
    return this.gateways[0];
  }

  async startGateway(env: Record<string, string> = {}): Promise<Gateway> {
    const port = await freePort();
    const process = await new ServiceProcess({
      entry: ENTRY,
      env: { ...this.env, PORT: String(port), ...env },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    }).start();
    return new Gateway(process, `http://127.0.0.1:${port}`);
  }

  /** Every line the gateway processes wrote. */
  get logs(): string {
    return this.gateways.map((g) => g.process.logs).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.gateways.map((g) => g.process.stop('SIGTERM').catch(() => g.process.stop('SIGKILL'))));
    await this.sim?.stop();
    await this.database?.drop();
  }
}

let address = 0;
/** A client address of its own (TEST-NET-2), so abuse limits of one test never touch another. */
export function uniqueIp(): string {
  address += 1;
  return `198.51.${Math.floor(address / 250)}.${(address % 250) + 1}`;
}

export const DEMO = { email: 'demo@fittrack.test', password: 'demo-password' };
export const MFA = { email: 'mfa@fittrack.test', password: 'mfa-password' };
