import { IsPort, ServiceConfig } from './service-config';
import { ConfigValidationError, validateConfig } from './validate-config';

class ExampleConfig extends ServiceConfig {
  @IsPort()
  PORT = 3000;
}

function load(env: Record<string, string | undefined>): ExampleConfig {
  return validateConfig('example', ExampleConfig, env);
}

function problemsOf(env: Record<string, string | undefined>): string {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('validateConfig', () => {
  it('applies the development defaults when nothing is set', () => {
    const config = load({});
    expect(config).toBeInstanceOf(ExampleConfig);
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/fittrack');
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.encryptionKeyring).toMatch(/^dev:/);
  });

  it('reads NATS credentials as user and password, or a token, never both', () => {
    expect(load({}).natsAuth).toEqual({});
    expect(load({ NATS_USER: 'gw', NATS_PASSWORD: 's3cret' }).natsAuth).toEqual({ user: 'gw', pass: 's3cret' });
    expect(load({ NATS_TOKEN: 't0ken' }).natsAuth).toEqual({ token: 't0ken' });
    expect(problemsOf({ NATS_USER: 'gw', NATS_TOKEN: 't0ken' })).toContain('set NATS_TOKEN or NATS_USER, not both');
    expect(problemsOf({ NATS_PASSWORD: 'alone' })).toContain('NATS_USER and NATS_PASSWORD go together');
  });

  it('reads TRUST_PROXY as Fastify takes it', () => {
    expect(load({}).trustProxy).toBe('loopback');
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(load({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
  });

  it('converts strings to the declared types and treats empty strings as unset', () => {
    const config = load({ PORT: '8080', SHUTDOWN_TIMEOUT_MS: '2500', LOG_LEVEL: '' });
    expect(config.PORT).toBe(8080);
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(2500);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('ignores variables the class does not declare', () => {
    expect(load({ HOME: '/root', UNRELATED: 'x' })).not.toHaveProperty('UNRELATED');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['NATS_URL', { NATS_URL: 'http://127.0.0.1:4222' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['NATS_SUBJECT_PREFIX', { NATS_SUBJECT_PREFIX: 'has.dots' }],
    ['ENCRYPTION_KEYS', { ENCRYPTION_KEYS: 'no-separator' }],
    ['SHUTDOWN_TIMEOUT_MS', { SHUTDOWN_TIMEOUT_MS: '-1' }],
  ])('names %s when it is invalid', (variable, env) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it('requires ENCRYPTION_KEYS in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('ENCRYPTION_KEYS is required in production');
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(load({ NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${key}` }).encryptionKeyring).toBe(`k1:${key}`);
  });

  it('reports every bad variable at once, never their values', () => {
    const message = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    expect(message).toMatch(/^Invalid configuration for example: /);
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });
});
