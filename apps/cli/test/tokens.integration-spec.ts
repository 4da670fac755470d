import { PlatformStack } from '@fittrack/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli-run';
import { startCliStack } from './support/cli-stack';

jest.setTimeout(120_000);

/** garmin-sync tokens create|list|revoke, and a script reading with GARMIN_SYNC_TOKEN, as child processes against a real gateway. */
describe('garmin-sync tokens, and GARMIN_SYNC_TOKEN for scripts', () => {
  let stack: PlatformStack;
  let env: Record<string, string>;
  const cli = (args: string[], input: string[] = [], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra }, input);

  beforeAll(async () => {
    stack = await startCliStack();
    env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'garmin-sync-tokens-')), GARMIN_SYNC_GATEWAY: stack.gateway.url };
    const profileId = 86_000_000 + (process.pid % 10_000);
    const account = { email: `pat${profileId}@fittrack.test`, password: `pw-${profileId}`, profileId };
    await stack.sim.admin('/accounts', { ...account, displayName: `pat${profileId}` });
    const login = await cli(['login', account.email], [account.password]);
    expect(login.code).toBe(0);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('makes a token (printed once), lists it, reads with it from the environment, and revokes it', async () => {
    const made = await cli(['tokens', 'create', 'grafana', '--expires-in-days', '30']);
    expect(made.code).toBe(0);
    const token = /^(fgs_pat_[A-Za-z0-9_-]{43})$/m.exec(made.stdout)?.[1];
    expect(token).toBeDefined();
    expect(made.stdout).toMatch(/Made personal access token "grafana" \([0-9a-f-]{36}\), read-only, expires /);
    expect(made.stdout).toContain('shown this once');

    const listed = await cli(['--json', 'tokens', 'list']);
    expect(listed.code).toBe(0);
    const [entry] = JSON.parse(listed.stdout);
    expect(entry).toMatchObject({ name: 'grafana', expired: false });
    expect(listed.stdout).not.toContain(token);
    expect((await cli(['tokens'])).stdout).toContain(`${entry.id}  grafana  made `);

    // A script: no credentials file at all, only the token in the environment.
    const script = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'garmin-sync-script-')), GARMIN_SYNC_TOKEN: token! };
    const jobs = await cli(['--json', 'jobs', 'list'], [], script);
    expect(jobs.code).toBe(0);
    expect(JSON.parse(jobs.stdout)).toMatchObject({ items: [] });
    expect((await cli(['selection'], [], script)).code).toBe(0);
    const sync = await cli(['sync'], [], script);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toContain('A personal access token may only read data');
    expect(sync.stderr).toContain('unset it to use your signed-in session');

    const revoked = await cli(['tokens', 'revoke', entry.id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked personal access token ${entry.id}`);
    const refused = await cli(['jobs', 'list'], [], script);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('The personal access token in GARMIN_SYNC_TOKEN is invalid, revoked or expired.');
    const twice = await cli(['tokens', 'revoke', entry.id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('No such personal access token.');
    console.log('proved: tokens create prints the token once, list never shows it, GARMIN_SYNC_TOKEN reads but cannot sync, revoke ends it');
  });

  it('refuses bad input before asking the gateway', async () => {
    expect((await cli(['tokens', 'revoke', 'abc'])).code).toBe(2);
    expect((await cli(['tokens', 'create', 'x', '--expires-in-days', '0'])).code).toBe(2);
    const badEnv = await cli(['jobs', 'list'], [], { GARMIN_SYNC_TOKEN: 'fgs_at_not-a-personal-token' });
    expect(badEnv.code).not.toBe(0);
    expect(badEnv.stderr).toContain('GARMIN_SYNC_TOKEN must be a personal access token');
  });
});
