import { GarminSimulator, SIM_CONSUMER, SIM_DEMO, SIM_MFA } from '@fittrack/testing';
import { DI_CLIENT_IDS, GarminClientConfig, SIGN_IN_STRATEGIES } from '../../src';

export const CONSUMER = SIM_CONSUMER;
export const DEMO = SIM_DEMO;
export const MFA = SIM_MFA;

/** Client configuration with every Garmin host at `url`, the whole chain, and no pauses (as in every test). */
export function configFor(url: string, overrides: Partial<GarminClientConfig> = {}): GarminClientConfig {
  return {
    ssoUrl: url,
    connectApiUrl: url,
    diauthUrl: url,
    connectUrl: url,
    domain: 'garmin.com',
    strategies: [...SIGN_IN_STRATEGIES],
    widgetPauseMs: [0, 0],
    portalPauseMs: [0, 0],
    diClientIds: [...DI_CLIENT_IDS],
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    timeoutMs: 5000,
    ...overrides,
  };
}

/** The simulator process, plus the client configuration pointing at it. */
export class Simulator extends GarminSimulator {
  config(overrides: Partial<GarminClientConfig> = {}): GarminClientConfig {
    return configFor(this.url, overrides);
  }
}
