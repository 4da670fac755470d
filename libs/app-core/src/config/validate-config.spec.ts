import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsPort, ServiceConfig } from './service-config';
import { ConfigValidationError, validateConfig } from './validate-config';

const randomKeyring = (id = 'k1') => `${id}:${randomBytes(32).toString('base64')}`;

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

  it('requires ENCRYPTION_KEYS in production, saying how to make one', () => {
    const message = problemsOf({ NODE_ENV: 'production' });
    expect(message).toContain('ENCRYPTION_KEYS (or ENCRYPTION_KEYS_FILE) is required in production');
    expect(message).toContain('openssl rand -base64 32');
    const keyring = randomKeyring();
    expect(load({ NODE_ENV: 'production', ENCRYPTION_KEYS: keyring }).encryptionKeyring).toBe(keyring);
  });

  it.each([
    ['the development keyring itself', 'dev:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=', 'the development key ("dev")'],
    ['the development key under another id', 'mine:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=', 'the development key ("dev")'],
    ['the former compose demo key', 'compose-demo:Y29tcG9zZS1kZW1vLWtleS1ub3QtZm9yLXJlYWwtdXM=', 'the former compose demo key'],
    ['a demo key kept as the old key of a rotation', `${randomKeyring('new')},compose-demo:Y29tcG9zZS1kZW1vLWtleS1ub3QtZm9yLXJlYWwtdXM=`, 'the former compose demo key'],
    ['the dev id with a fresh key', `dev:${randomBytes(32).toString('base64')}`, 'the development key ("dev")'],
  ])('refuses %s in production, never showing key material', (_case, keys, what) => {
    const message = problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEYS: keys });
    expect(message).toContain(`ENCRYPTION_KEYS holds ${what}`);
    expect(message).toContain('openssl rand -base64 32');
    for (const entry of keys.split(',')) expect(message).not.toContain(entry.split(':')[1]);
  });

  it('refuses a placeholder key in production, and accepts the same one in development', () => {
    const placeholder = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    expect(problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEYS: placeholder })).toContain('ENCRYPTION_KEYS key "k1" is not random');
    expect(load({ ENCRYPTION_KEYS: placeholder }).encryptionKeyring).toBe(placeholder);
    expect(load({ ENCRYPTION_KEYS: 'dev:ZGV2ZWxvcG1lbnQta2V5LW5vdC1mb3ItcHJvZHVjdGk=' }).encryptionKeyring).toMatch(/^dev:/);
  });

  it('reads any variable from <NAME>_FILE, trimmed, and names a missing or empty file by path only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    const keyring = randomKeyring();
    writeFileSync(join(dir, 'keys'), `${keyring}\n`);
    writeFileSync(join(dir, 'password'), 'n4ts-pass\n');
    writeFileSync(join(dir, 'empty'), '\n');
    const config = load({ NODE_ENV: 'production', ENCRYPTION_KEYS_FILE: join(dir, 'keys'), NATS_USER: 'gw', NATS_PASSWORD_FILE: join(dir, 'password') });
    expect(config.encryptionKeyring).toBe(keyring);
    expect(config.natsAuth).toEqual({ user: 'gw', pass: 'n4ts-pass' });

    expect(problemsOf({ ENCRYPTION_KEYS_FILE: join(dir, 'missing') })).toContain(`ENCRYPTION_KEYS_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`);
    expect(problemsOf({ ENCRYPTION_KEYS_FILE: join(dir, 'empty') })).toContain(`ENCRYPTION_KEYS_FILE: ${join(dir, 'empty')} is empty`);
    expect(problemsOf({ ENCRYPTION_KEYS: keyring, ENCRYPTION_KEYS_FILE: join(dir, 'keys') })).toContain('set ENCRYPTION_KEYS or ENCRYPTION_KEYS_FILE, not both');
    // The file's content is validated like the variable would be, and never shown.
    writeFileSync(join(dir, 'bad'), 'hunter2-no-separator');
    const bad = problemsOf({ ENCRYPTION_KEYS_FILE: join(dir, 'bad') });
    expect(bad).toContain('ENCRYPTION_KEYS must look like');
    expect(bad).not.toContain('hunter2');
  });

  it('serves /metrics on 9464 at 127.0.0.1 by default, 0 turns it off, and it cannot share PORT', () => {
    expect([load({}).METRICS_PORT, load({}).METRICS_HOST]).toEqual([9464, '127.0.0.1']);
    expect(load({ METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
    expect(problemsOf({ PORT: '9000', METRICS_PORT: '9000' })).toContain('METRICS_PORT must differ from PORT');
    expect(problemsOf({ METRICS_PORT: 'admin' })).toContain('METRICS_PORT');
  });

  it('reports every bad variable at once, never their values', () => {
    const message = problemsOf({ PORT: 'abc', DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    expect(message).toMatch(/^Invalid configuration for example: /);
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });
});
