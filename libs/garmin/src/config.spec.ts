import { requestUrlFor, serviceUrls } from './config';
import { testConfig } from '../test/support/fake-garmin';

describe('requestUrlFor (where a ticket is consumed for JWT_WEB)', () => {
  const services = serviceUrls('garmin.com');

  it('maps the real SSO and connect hosts to the configured ones, keeping the path', () => {
    expect(requestUrlFor(testConfig(), services.widget)).toBe('https://sso.example/sso/embed');
    expect(requestUrlFor(testConfig(), services.portal)).toBe('https://connect.example/app');
    expect(requestUrlFor(testConfig(), services.ios)).toBe('https://connect.example/gcm/ios');
  });

  it('against Garmin itself sends a mobile ticket to the mobile service, as the reference does', () => {
    const real = testConfig({ connectUrl: 'https://connect.garmin.com', ssoUrl: 'https://sso.garmin.com' });
    expect(requestUrlFor(real, services.ios)).toBe('https://mobile.integration.garmin.com/gcm/ios');
    expect(requestUrlFor(real, services.portal)).toBe('https://connect.garmin.com/app');
  });
});
