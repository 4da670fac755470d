import { GarminSimulator, SIM_CONSUMER, SIM_DEMO, SIM_MFA } from '@fittrack/testing';
import { AUTH_DIALECTS, AuthDialect, DEFAULT_DI_CLIENT_ID, GarminClientConfig } from '../../src';

export const CONSUMER = SIM_CONSUMER;
export const DEMO = SIM_DEMO;
export const MFA = SIM_MFA;

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

/** The simulator process, plus the client configuration pointing at it. */
export class Simulator extends GarminSimulator {
  config(dialect: AuthDialect = 'mobile+oauth1', overrides: Partial<GarminClientConfig> = {}): GarminClientConfig {
    return configFor(this.url, dialect, overrides);
  }
}
