import { ConfigValidationError, validateConfig } from '@fittrack/app-core';
import { SimConfig } from './sim.config';

const load = (env: Record<string, string>) => validateConfig('garmin-sim', SimConfig, env);

describe('SimConfig', () => {
  it('defaults to port 4010 with the admin routes on outside production', () => {
    expect(load({})).toMatchObject({ PORT: 4010, devMode: true, SIM_VERIFY_SIGNATURES: true });
    expect(load({ NODE_ENV: 'production' }).devMode).toBe(false);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['on', true],
  ])('reads SIM_DEV_MODE and SIM_VERIFY_SIGNATURES=%s as %s', (raw, expected) => {
    const config = load({ SIM_DEV_MODE: raw, SIM_VERIFY_SIGNATURES: raw, NODE_ENV: 'production' });
    expect(config.devMode).toBe(expected);
    expect(config.SIM_VERIFY_SIGNATURES).toBe(expected);
  });

  it('runs the today profile unless told permissive, and refuses any other', () => {
    expect(load({})).toMatchObject({ SIM_PROFILE: 'today', today: true });
    expect(load({ SIM_PROFILE: 'permissive' }).today).toBe(false);
    expect(() => load({ SIM_PROFILE: 'lenient' })).toThrow(/SIM_PROFILE/);
  });

  it('names a bad variable', () => {
    expect(() => load({ SIM_ACCESS_TOKEN_TTL_S: '0' })).toThrow(ConfigValidationError);
    expect(() => load({ SIM_ACCESS_TOKEN_TTL_S: '0' })).toThrow(/SIM_ACCESS_TOKEN_TTL_S/);
  });
});
