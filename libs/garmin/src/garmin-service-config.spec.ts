import { IsPort, validateConfig } from '@fittrack/app-core';
import { GarminServiceConfig } from './garmin-service-config';

class ExampleConfig extends GarminServiceConfig {
  @IsPort()
  PORT = 1;
}

const load = (env: Record<string, string>) => validateConfig('example', ExampleConfig, env);

describe('GarminServiceConfig', () => {
  it('points at the local simulator by default', () => {
    expect(load({}).garmin).toMatchObject({ ssoUrl: 'http://127.0.0.1:4010', dialects: ['mobile+oauth1', 'mobile+di'], domain: 'garmin.com' });
  });

  it('reads every host, the dialect order and the consumer', () => {
    const config = load({
      GARMIN_SSO_URL: 'https://sso.garmin.com/',
      GARMIN_CONNECTAPI_URL: 'https://connectapi.garmin.com',
      GARMIN_DIAUTH_URL: 'https://diauth.garmin.com',
      GARMIN_AUTH_DIALECTS: 'mobile+di, mobile+oauth1',
      GARMIN_OAUTH_CONSUMER_KEY: 'k',
      GARMIN_OAUTH_CONSUMER_SECRET: 's',
    }).garmin;
    expect(config).toMatchObject({ ssoUrl: 'https://sso.garmin.com', dialects: ['mobile+di', 'mobile+oauth1'], consumerKey: 'k' });
  });

  it.each([
    ['GARMIN_SSO_URL', { GARMIN_SSO_URL: 'not a url' }],
    ['GARMIN_AUTH_DIALECTS', { GARMIN_AUTH_DIALECTS: 'carrier-pigeon' }],
    ['GARMIN_DOMAIN', { GARMIN_DOMAIN: 'garmin.org' }],
    ['GARMIN_TIMEOUT_MS', { GARMIN_TIMEOUT_MS: '5' }],
  ])('names %s when it is invalid', (variable, env) => {
    expect(() => load(env)).toThrow(variable);
  });
});
