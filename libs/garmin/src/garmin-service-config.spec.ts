import { randomBytes } from 'node:crypto';
import { ConfigValidationError, IsPort, validateConfig } from '@fittrack/app-core';
import { SIM_CONSUMER } from '@fittrack/testing';
import { SIMULATOR_OAUTH_CONSUMERS } from './garmin-production-rules';
import { GarminServiceConfig } from './garmin-service-config';

class ExampleConfig extends GarminServiceConfig {
  @IsPort()
  PORT = 1;
}

const load = (env: Record<string, string>) => validateConfig('example', ExampleConfig, env);

describe('GarminServiceConfig', () => {
  it('points at the local simulator by default, with the reference’s chain, pauses and DI client ids', () => {
    expect(load({}).garmin).toEqual({
      ssoUrl: 'http://127.0.0.1:4010',
      connectApiUrl: 'http://127.0.0.1:4010',
      diauthUrl: 'http://127.0.0.1:4010',
      connectUrl: 'http://127.0.0.1:4010',
      domain: 'garmin.com',
      strategies: ['mobile-impit', 'mobile-fetch', 'widget', 'portal-impit', 'portal-fetch'],
      widgetPauseMs: [3000, 8000],
      portalPauseMs: [10_000, 20_000],
      diClientIds: ['GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4', 'GARMIN_CONNECT_MOBILE_ANDROID_DI', 'GARMIN_CONNECT_MOBILE_IOS_DI'],
      consumerKey: '',
      consumerSecret: '',
      timeoutMs: 15_000,
    });
  });

  it('reads every host, the strategies, the pauses, the client ids and the optional consumer', () => {
    const config = load({
      GARMIN_SSO_URL: 'https://sso.garmin.com/',
      GARMIN_CONNECTAPI_URL: 'https://connectapi.garmin.com',
      GARMIN_DIAUTH_URL: 'https://diauth.garmin.com',
      GARMIN_CONNECT_URL: 'https://connect.garmin.com/',
      GARMIN_SIGN_IN_STRATEGIES: 'widget, portal-fetch',
      GARMIN_WIDGET_PAUSE_MS: '0',
      GARMIN_PORTAL_PAUSE_MS: '500',
      GARMIN_DI_CLIENT_IDS: 'GARMIN_CONNECT_MOBILE_IOS_DI',
      GARMIN_OAUTH_CONSUMER_KEY: 'k',
      GARMIN_OAUTH_CONSUMER_SECRET: 's',
    }).garmin;
    expect(config).toMatchObject({
      ssoUrl: 'https://sso.garmin.com',
      connectUrl: 'https://connect.garmin.com',
      strategies: ['widget', 'portal-fetch'],
      widgetPauseMs: [0, 0],
      portalPauseMs: [500, 500],
      diClientIds: ['GARMIN_CONNECT_MOBILE_IOS_DI'],
      consumerKey: 'k',
    });
  });

  it.each([
    ['GARMIN_SSO_URL', { GARMIN_SSO_URL: 'not a url' }],
    ['GARMIN_CONNECT_URL', { GARMIN_CONNECT_URL: 'ftp://connect' }],
    ['GARMIN_SIGN_IN_STRATEGIES', { GARMIN_SIGN_IN_STRATEGIES: 'carrier-pigeon' }],
    ['GARMIN_SIGN_IN_STRATEGIES', { GARMIN_SIGN_IN_STRATEGIES: ' , ' }],
    ['GARMIN_SIGN_IN_STRATEGIES', { GARMIN_SIGN_IN_STRATEGIES: 'widget,widget' }],
    ['GARMIN_WIDGET_PAUSE_MS', { GARMIN_WIDGET_PAUSE_MS: 'soon' }],
    ['GARMIN_PORTAL_PAUSE_MS', { GARMIN_PORTAL_PAUSE_MS: '20000-10000' }],
    ['GARMIN_DI_CLIENT_IDS', { GARMIN_DI_CLIENT_IDS: 'lower case id' }],
    ['GARMIN_DOMAIN', { GARMIN_DOMAIN: 'garmin.org' }],
    ['GARMIN_TIMEOUT_MS', { GARMIN_TIMEOUT_MS: '5' }],
  ])('names %s when it is invalid', (variable, env) => {
    expect(() => load(env)).toThrow(variable);
  });
});

describe('GarminServiceConfig in production', () => {
  const GARMIN = {
    GARMIN_SSO_URL: 'https://sso.garmin.com',
    GARMIN_CONNECTAPI_URL: 'https://connectapi.garmin.com',
    GARMIN_DIAUTH_URL: 'https://diauth.garmin.com',
    GARMIN_CONNECT_URL: 'https://connect.garmin.com',
  };
  const production = (env: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    ...GARMIN,
    ...env,
  });
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      return (error as ConfigValidationError).problems;
    }
    throw new Error('expected the configuration to be rejected');
  };

  it("starts with Garmin's hosts, its own key and a real (or no) consumer", () => {
    expect(load(production()).garmin.ssoUrl).toBe('https://sso.garmin.com');
    expect(load(production({ GARMIN_OAUTH_CONSUMER_KEY: 'real-key', GARMIN_OAUTH_CONSUMER_SECRET: 'real-secret' })).garmin.consumerKey).toBe('real-key');
    expect(load(production({ GARMIN_DOMAIN: 'garmin.cn', GARMIN_SSO_URL: 'https://sso.garmin.cn' })).garmin.domain).toBe('garmin.cn');
  });

  it('refuses the simulator defaults, naming every URL, what it is and what to set', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` });
    expect(problems).toEqual([
      'GARMIN_SSO_URL must be https:// in production (it is http://127.0.0.1:4010): set GARMIN_SSO_URL=https://sso.garmin.com',
      'GARMIN_CONNECTAPI_URL must be https:// in production (it is http://127.0.0.1:4010): set GARMIN_CONNECTAPI_URL=https://connectapi.garmin.com',
      'GARMIN_DIAUTH_URL must be https:// in production (it is http://127.0.0.1:4010): set GARMIN_DIAUTH_URL=https://diauth.garmin.com',
      'GARMIN_CONNECT_URL must be https:// in production (it is http://127.0.0.1:4010): set GARMIN_CONNECT_URL=https://connect.garmin.com',
    ]);
  });

  it.each([
    ['plain http to Garmin itself', 'http://sso.garmin.com', 'must be https:// in production'],
    ['the compose simulator', 'https://garmin-sim:4010', 'points at the Garmin simulator (garmin-sim)'],
    ['localhost over https', 'https://localhost:4010', 'points at a local-only name (localhost)'],
    ['a loopback address', 'https://127.0.0.2', 'points at a loopback or private address (127.0.0.2)'],
    ['IPv6 loopback', 'https://[::1]:4010', 'points at a loopback or private address ([::1])'],
    ['a private address', 'https://10.0.0.7', 'points at a loopback or private address (10.0.0.7)'],
    ['a .test name', 'https://sso.fittrack.test', 'points at a local-only name (sso.fittrack.test)'],
    ['a .local name', 'https://garmin.local', 'points at a local-only name (garmin.local)'],
  ])('refuses %s', (_case, url, reason) => {
    const problems = problemsOf(production({ GARMIN_CONNECTAPI_URL: url }));
    expect(problems).toEqual([expect.stringContaining(`GARMIN_CONNECTAPI_URL ${reason}`)]);
    expect(problems[0]).toContain('set GARMIN_CONNECTAPI_URL=https://connectapi.garmin.com');
  });

  it.each(Object.entries(SIMULATOR_OAUTH_CONSUMERS))("refuses the simulator's OAuth consumer (%s), never showing it", (_name, consumer) => {
    const problems = problemsOf(production({ GARMIN_OAUTH_CONSUMER_KEY: consumer.key, GARMIN_OAUTH_CONSUMER_SECRET: consumer.secret }));
    expect(problems).toEqual(["GARMIN_OAUTH_CONSUMER_KEY/SECRET are the simulator's, which production refuses: set Garmin's consumer, or leave both empty"]);
  });

  it('knows the consumer the tests give the simulator', () => {
    expect(Object.values(SIMULATOR_OAUTH_CONSUMERS)).toContainEqual(SIM_CONSUMER);
  });

  it('reports the keyring and the Garmin problems together, in one error', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEYS: 'dev:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=', GARMIN_OAUTH_CONSUMER_KEY: SIM_CONSUMER.key });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toContain('ENCRYPTION_KEYS holds the development key');
  });

  it('keeps the simulator defaults in development and test', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(load({ NODE_ENV, GARMIN_OAUTH_CONSUMER_KEY: SIM_CONSUMER.key, GARMIN_OAUTH_CONSUMER_SECRET: SIM_CONSUMER.secret }).garmin.ssoUrl).toBe('http://127.0.0.1:4010');
    }
  });
});
