import { IsPort, validateConfig } from '@fittrack/app-core';
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
