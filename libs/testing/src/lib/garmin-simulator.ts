import { freePort } from './free-port';
import { ServiceProcess } from './service-process';
import { keepAliveFetch } from './keep-alive-fetch';

/** The simulator's OAuth consumer in tests: configured on both sides, never downloaded. */
export const SIM_CONSUMER = { key: 'test-consumer-key', secret: 'test-consumer-secret' };
export const SIM_DEMO = { email: 'demo@fittrack.test', password: 'demo-password' };
export const SIM_MFA = { email: 'mfa@fittrack.test', password: 'mfa-password' };

/** The built Garmin simulator as a real process, with helpers for its /__sim routes. */
export class GarminSimulator {
  constructor(
    private readonly process: ServiceProcess,
    readonly url: string,
  ) {}

  static async start<T extends GarminSimulator>(
    this: new (process: ServiceProcess, url: string) => T,
    env: Record<string, string> = {},
  ): Promise<T> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const process = await new ServiceProcess({
      entry: 'dist/apps/garmin-sim/main.js',
      env: { PORT: String(port), SIM_OAUTH_CONSUMER_KEY: SIM_CONSUMER.key, SIM_OAUTH_CONSUMER_SECRET: SIM_CONSUMER.secret, ...env },
      readyUrl: `${url}/__sim/accounts`,
    }).start();
    return new this(process, url);
  }

  /** The GARMIN_* variables that point one of our apps at this simulator. */
  appEnv(): Record<string, string> {
    return {
      GARMIN_SSO_URL: this.url,
      GARMIN_CONNECTAPI_URL: this.url,
      GARMIN_DIAUTH_URL: this.url,
      GARMIN_CONNECT_URL: this.url,
      // The human pauses of the widget and portal sign-ins mean nothing to the simulator.
      GARMIN_WIDGET_PAUSE_MS: '0',
      GARMIN_PORTAL_PAUSE_MS: '0',
      GARMIN_OAUTH_CONSUMER_KEY: SIM_CONSUMER.key,
      GARMIN_OAUTH_CONSUMER_SECRET: SIM_CONSUMER.secret,
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on the simulator's JSON as they please
  async admin(path: string, body?: unknown, method = 'POST'): Promise<any> {
    const response = await keepAliveFetch(`${this.url}/__sim${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return response.json();
  }

  async mfaCode(email: string): Promise<string> {
    return ((await (await keepAliveFetch(`${this.url}/__sim/mfa/${encodeURIComponent(email)}`)).json()) as { code: string }).code;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  stats(): Promise<any> {
    return keepAliveFetch(`${this.url}/__sim/stats`).then((r) => r.json());
  }

  async stop(): Promise<void> {
    await this.process.stop('SIGKILL');
  }
}
