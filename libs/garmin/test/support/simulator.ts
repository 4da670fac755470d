import { freePort, ServiceProcess } from '@fittrack/testing';
import { AUTH_DIALECTS, AuthDialect, DEFAULT_DI_CLIENT_ID, GarminClientConfig } from '../../src';

export const CONSUMER = { key: 'lib-test-consumer', secret: 'lib-test-secret' };
export const DEMO = { email: 'demo@fittrack.test', password: 'demo-password' };
export const MFA = { email: 'mfa@fittrack.test', password: 'mfa-password' };

/** Client configuration with every Garmin host at `url`. */
export function configFor(url: string, dialect: AuthDialect = 'mobile+oauth1', overrides: Partial<GarminClientConfig> = {}): GarminClientConfig {
  return {
    ssoUrl: url,
    connectApiUrl: url,
    diauthUrl: url,
    domain: 'garmin.com',
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    dialects: [dialect, ...AUTH_DIALECTS.filter((d) => d !== dialect)],
    diClientId: DEFAULT_DI_CLIENT_ID,
    timeoutMs: 5000,
    ...overrides,
  };
}

/** The built simulator as a real process, with helpers for its /__sim routes. */
export class Simulator {
  private constructor(
    private readonly process: ServiceProcess,
    readonly url: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<Simulator> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const process = await new ServiceProcess({
      entry: 'dist/apps/garmin-sim/main.js',
      env: { PORT: String(port), SIM_OAUTH_CONSUMER_KEY: CONSUMER.key, SIM_OAUTH_CONSUMER_SECRET: CONSUMER.secret, ...env },
      readyUrl: `${url}/__sim/accounts`,
    }).start();
    return new Simulator(process, url);
  }

  config(dialect: AuthDialect = 'mobile+oauth1', overrides: Partial<GarminClientConfig> = {}): GarminClientConfig {
    return configFor(this.url, dialect, overrides);
  }

  async admin(path: string, body?: unknown, method = 'POST'): Promise<any> {
    const response = await fetch(`${this.url}/__sim${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return response.json();
  }

  async mfaCode(email: string): Promise<string> {
    return ((await (await fetch(`${this.url}/__sim/mfa/${encodeURIComponent(email)}`)).json()) as { code: string }).code;
  }

  stats(): Promise<any> {
    return fetch(`${this.url}/__sim/stats`).then((r) => r.json());
  }

  async stop(): Promise<void> {
    await this.process.stop('SIGKILL');
  }
}
