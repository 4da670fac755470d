import { randomBytes } from 'node:crypto';
import { ConfigValidationError, validateConfig } from '@fittrack/app-core';
import { GARMIN_HOSTS } from '@fittrack/garmin';
import { GatewayConfig } from './gateway.config';

const GARMIN: Record<string, string> = { ...GARMIN_HOSTS };

describe('GatewayConfig', () => {
  it('defaults to port 3000, /metrics on 9464 and a 64 KiB body limit', () => {
    const config = validateConfig('auth-gateway', GatewayConfig, {});
    expect(config.PORT).toBe(3000);
    expect(config.METRICS_PORT).toBe(9464);
    expect(config.HTTP_BODY_LIMIT).toBe(65536);
  });

  it('defaults token lifetimes and abuse limits to the documented values', () => {
    const config = validateConfig('auth-gateway', GatewayConfig, {});
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.REFRESH_TOKEN_TTL_SECONDS).toBe(30 * 24 * 3600);
    expect([config.SIGN_IN_LIMIT_PER_MINUTE, config.SIGN_IN_LIMIT_PER_HOUR, config.MFA_MAX_ATTEMPTS]).toEqual([5, 100, 5]);
  });

  it('grants the operator role to no one by default, and to the listed Garmin profile ids; anything else is refused', () => {
    const operators = (value?: string) => [...validateConfig('auth-gateway', GatewayConfig, value === undefined ? {} : { OPERATOR_GARMIN_PROFILE_IDS: value }).operatorProfileIds];
    expect([operators(), operators(''), operators(' 81234567 ,9 ')]).toEqual([[], [], [81234567, 9]]);
    for (const bad of ['alice', '1;2', '1,,2', '-5']) expect(() => operators(bad)).toThrow(/OPERATOR_GARMIN_PROFILE_IDS must be Garmin profile ids/);
  });

  it('serves /docs by default outside production only, and either way when told', () => {
    const docs = (env: Record<string, string>) => validateConfig('auth-gateway', GatewayConfig, { ...env }).docsEnabled;
    const production = { NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, ...GARMIN };
    expect([docs({}), docs({ NODE_ENV: 'test' }), docs({ DOCS_ENABLED: 'false' })]).toEqual([true, true, false]);
    expect([docs(production), docs({ ...production, DOCS_ENABLED: 'true' })]).toEqual([false, true]);
  });

  it('refuses the unauthenticated bench route in production, and takes it elsewhere', () => {
    const production = { NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, ...GARMIN };
    expect(() => validateConfig('auth-gateway', GatewayConfig, { ...production, BENCH_BARE_ROUTE: 'true' })).toThrow(/BENCH_BARE_ROUTE serves jobs without auth, which production refuses/);
    expect(validateConfig('auth-gateway', GatewayConfig, { BENCH_BARE_ROUTE: 'true' }).BENCH_BARE_ROUTE).toBe(true);
  });

  it("refuses the simulator's hosts in production: the Garmin rules apply to the gateway", () => {
    expect(() => validateConfig('auth-gateway', GatewayConfig, { NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` })).toThrow(
      /GARMIN_SSO_URL must be https:\/\/ in production/,
    );
  });

  it('keeps ended sessions 30 days and rotated refresh-token hashes 7 days past their token’s life, swept hourly', () => {
    const config = validateConfig('auth-gateway', GatewayConfig, {});
    expect([config.RETENTION_SESSIONS_DAYS, config.RETENTION_ROTATED_TOKENS_DAYS, config.RETENTION_SWEEP_INTERVAL_SECONDS]).toEqual([30, 7, 3600]);
    expect(() => validateConfig('auth-gateway', GatewayConfig, { RETENTION_SESSIONS_DAYS: '0' })).toThrow(/RETENTION_SESSIONS_DAYS/);
    expect(() => validateConfig('auth-gateway', GatewayConfig, { RETENTION_ROTATED_TOKENS_DAYS: '-1' })).toThrow(/RETENTION_ROTATED_TOKENS_DAYS/);
  });

  it('names HTTP_BODY_LIMIT when it is out of range', () => {
    expect(() => validateConfig('auth-gateway', GatewayConfig, { HTTP_BODY_LIMIT: '12' })).toThrow(ConfigValidationError);
    expect(() => validateConfig('auth-gateway', GatewayConfig, { HTTP_BODY_LIMIT: '12' })).toThrow(/HTTP_BODY_LIMIT/);
  });

  it('cools a refused account down for 2 h, doubling up to 24 h, and names a maximum under the minimum', () => {
    const config = validateConfig('auth-gateway', GatewayConfig, {});
    expect([config.SIGN_IN_COOLDOWN_MIN_SECONDS, config.SIGN_IN_COOLDOWN_MAX_SECONDS]).toEqual([7200, 86400]);
    const tight = validateConfig('auth-gateway', GatewayConfig, { SIGN_IN_COOLDOWN_MIN_SECONDS: '600', SIGN_IN_COOLDOWN_MAX_SECONDS: '600' });
    expect([tight.SIGN_IN_COOLDOWN_MIN_SECONDS, tight.SIGN_IN_COOLDOWN_MAX_SECONDS]).toEqual([600, 600]);
    const inverted = () => validateConfig('auth-gateway', GatewayConfig, { SIGN_IN_COOLDOWN_MIN_SECONDS: '7200', SIGN_IN_COOLDOWN_MAX_SECONDS: '3600' });
    expect(inverted).toThrow(ConfigValidationError);
    expect(inverted).toThrow(/SIGN_IN_COOLDOWN_MAX_SECONDS must be at least SIGN_IN_COOLDOWN_MIN_SECONDS/);
    expect(() => validateConfig('auth-gateway', GatewayConfig, { SIGN_IN_COOLDOWN_MIN_SECONDS: '5' })).toThrow(/SIGN_IN_COOLDOWN_MIN_SECONDS/);
  });

  it('syncs the catalog default unless told otherwise, and names every bad kind of SYNC_DEFAULT_SELECTION', () => {
    expect(validateConfig('auth-gateway', GatewayConfig, {}).defaultSelection).toContain('sleep');
    expect(validateConfig('auth-gateway', GatewayConfig, {}).defaultSelection).not.toContain('spo2');
    expect(validateConfig('auth-gateway', GatewayConfig, { SYNC_DEFAULT_SELECTION: 'spo2,activities' }).defaultSelection).toEqual(['activities', 'spo2']);
    expect(validateConfig('auth-gateway', GatewayConfig, { SYNC_DEFAULT_SELECTION: 'all' }).defaultSelection).toContain('activity_weather');
    expect(() => validateConfig('auth-gateway', GatewayConfig, { SYNC_DEFAULT_SELECTION: 'sleep,oxygen,heartrate' })).toThrow(
      /SYNC_DEFAULT_SELECTION names "oxygen", "heartrate", not data kinds \(known: activities,/,
    );
  });
});
