import { validateConfig } from '@fittrack/app-core';
import { GarminAuthenticator, GarminServiceConfig } from '@fittrack/garmin';
import { freePort, PlatformStack } from '@fittrack/testing';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliRun, runCli } from './support/cli-run';
import { startCliStack } from './support/cli-stack';

jest.setTimeout(120_000);

/** The Garmin variables alone: how the test signs in the way the user's own python-garminconnect would. */
class GarminOnlyConfig extends GarminServiceConfig {
  PORT = 0;
}

describe('garmin-sync, the CLI, against a real gateway, worker and simulator', () => {
  let stack: PlatformStack;
  let home: string;
  let env: Record<string, string>;
  let account: { email: string; password: string; profileId: number };
  const cli = (args: string[], input: string[] = [], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra }, input);
  const credentialsPath = () => join(home, 'garmin-sync', 'credentials.json');

  beforeAll(async () => {
    // So that an account can be throttled on every strategy (without it the portal challenges fetch with a 403).
    stack = await startCliStack({ workers: 1, simEnv: { SIM_UNFINGERPRINTED: 'throttled' } });
    home = mkdtempSync(join(tmpdir(), 'garmin-sync-home-'));
    env = { XDG_CONFIG_HOME: home, GARMIN_SYNC_GATEWAY: stack.gateway.url };
    const profileId = 85_000_000 + (process.pid % 10_000);
    account = { email: `cli${profileId}@fittrack.test`, password: `pw-${profileId}`, profileId };
    await stack.sim.admin('/accounts', { ...account, displayName: `cli${profileId}`, mfa: 'email' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('says "not signed in" with exit code 3 before any login', async () => {
    const run = await cli(['whoami']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('You are not signed in.');
    expect(run.stderr).toContain('garmin-sync login');
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace without --verbose
  });

  it('signs in with MFA through stdin, taking a wrong code and then the right one', async () => {
    const login = new CliRun(['login', account.email], env);
    await login.waitFor('Garmin password:');
    login.write(account.password);
    await login.waitFor('Code:');
    login.write('000000');
    await login.waitFor('Garmin did not accept that code (4 attempts left)');
    login.write(await stack.sim.mfaCode(account.email));
    const run = await login.finished();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Signed in as cli\d+ \(Garmin profile \d+\)\.\n$/);
    expect(run.stdout + run.stderr).not.toContain(account.password);
    expect(statSync(credentialsPath()).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'garmin-sync')).mode & 0o777).toBe(0o700);
  });

  it('answers whoami in a sentence, and in JSON matching the API', async () => {
    const said = await cli(['whoami']);
    expect(said).toMatchObject({ code: 0 });
    expect(said.stdout).toMatch(/^Signed in as cli\d+; Garmin account \d+ linked, session active\.\n$/);
    const json = await cli(['whoami', '--json']);
    const api = await stack.gateway.get('/v1/auth/me', { token: JSON.parse(readFileSync(credentialsPath(), 'utf8')).accessToken });
    expect(JSON.parse(json.stdout)).toEqual(api.body);
  });

  it('syncs with --watch to completion, then lists, shows and refuses to cancel a finished job', async () => {
    const watched = await cli(['sync', 'health', '--from', '2026-03-01', '--to', '2026-03-10', '--watch']);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/Sync started: job [0-9a-f-]{36} \(health\)\./);
    expect(watched.stdout).toMatch(/completed 100% \d+\/\d+/);
    expect(watched.stdout).toMatch(/Job [0-9a-f-]{36} completed: \d+ items in [\d.]+ s\./);
    const id = /job ([0-9a-f-]{36})/.exec(watched.stdout)?.[1] as string;

    const list = await cli(['jobs', 'list', '--json']);
    const token = JSON.parse(readFileSync(credentialsPath(), 'utf8')).accessToken;
    expect(JSON.parse(list.stdout)).toEqual((await stack.gateway.get('/v1/sync/jobs?page=1&pageSize=20', { token })).body);
    expect((await cli(['jobs', 'list'])).stdout).toContain(`${id}  completed`);
    const shown = await cli(['jobs', 'show', id, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, status: 'completed', progress: 100 });
    expect((await cli(['jobs', 'show', id])).stdout).toMatch(new RegExp(`^Job ${id} is completed \\(100%, \\d+/\\d+ items\\) for health\\.\\nIt syncs: summary, sleep, [a-z0-9_, ]+\\.\\n(Archive: \\d+ days queued, \\d+ reloads asked for, \\d+ reloaded days fetched, \\d+ still queued\\.\\n)?$`));

    const refused = await cli(['jobs', 'cancel', id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The job is already completed.');
  });

  it('shows, sets and resets the selection, and a bad kind is a usage error naming the good ones', async () => {
    const shown = await cli(['selection']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Synced \(the default of this deployment\): activities, /);
    expect(shown.stdout).toMatch(/Not synced: [a-z_, ]*spo2/);
    const set = await cli(['selection', 'set', 'spo2, sleep']);
    expect(set).toMatchObject({ code: 0, stdout: 'From the next sync on: sleep, spo2.\n' });
    expect((await cli(['selection', 'show'])).stdout).toMatch(/^Synced \(your own selection\): sleep, spo2\./);
    const bad = await cli(['selection', 'set', 'sleep,oxygen']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Each of kinds must be one of: activities, ');
    const reset = await cli(['selection', 'reset', '--json']);
    expect(JSON.parse(reset.stdout)).toMatchObject({ override: null });
    const archive = await cli(['archive']);
    // The sync above reached days Garmin has archived (more than 180 days ago): those were reloaded.
    expect(archive.stdout).toMatch(/^Archived days: \d+ queued, \d+ requested, \d+ done; \d+ of 25 reloads asked for today\.\n$/);
  });

  it('cancels a running job', async () => {
    await stack.sim.admin('/faults', { latency: { fixedMs: 40 } }, 'PUT');
    try {
      const started = await cli(['sync', 'all', '--from', '2026-01-01', '--to', '2026-03-31', '--json']);
      const id = JSON.parse(started.stdout).id as string;
      // Cancel once it is under way (not on a timer: a fast machine may finish a fixed sleep's worth of work).
      const token = JSON.parse(readFileSync(credentialsPath(), 'utf8')).accessToken;
      for (const deadline = Date.now() + 60_000; ; await sleep(25)) {
        const job = await stack.gateway.get(`/v1/sync/jobs/${id}`, { token });
        if (job.body.status === 'running' && job.body.processedItems > 0) break;
        if (Date.now() > deadline) throw new Error(`the job never got under way: ${JSON.stringify(job.body)}`);
      }
      // Under way: now slow Garmin right down, so the job cannot finish while the cancel command starts up on a busy machine.
      await stack.sim.admin('/faults', { latency: { fixedMs: 1_000 } }, 'PUT');
      const cancelled = await cli(['jobs', 'cancel', id]);
      expect([cancelled.code, cancelled.stderr]).toEqual([0, '']);
      expect(cancelled.stdout).toBe(`Job ${id} is cancelled; what it stored is kept.\n`);
      const watched = await cli(['jobs', 'watch', id]);
      expect(watched.code).toBe(1);
      expect(watched.stderr).toContain(`Job ${id} ended cancelled`);
    } finally {
      await stack.sim.admin('/faults', {}, 'PUT');
    }
  });

  it('refreshes an expired access token by itself, and stores the rotated tokens', async () => {
    const before = JSON.parse(readFileSync(credentialsPath(), 'utf8'));
    // Expired at the gateway but not by the file's clock: the 401 path.
    await stack.database.dataSource.query(`UPDATE authentication_tokens SET expires_at = now() - interval '1 second'`);
    expect((await cli(['whoami'])).code).toBe(0);
    const after = JSON.parse(readFileSync(credentialsPath(), 'utf8'));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // Expired by the file's own clock: refreshed before asking.
    writeFileSync(credentialsPath(), JSON.stringify({ ...after, accessExpiresAt: 0 }), { mode: 0o600 });
    expect((await cli(['whoami'])).code).toBe(0);
    expect(JSON.parse(readFileSync(credentialsPath(), 'utf8')).refreshToken).not.toBe(after.refreshToken);
  });

  it('refuses a credentials file others can read, saying how to fix it', async () => {
    chmodSync(credentialsPath(), 0o644);
    const run = await cli(['whoami']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('can be read by others (mode 0644)');
    expect(run.stderr).toContain(`chmod 600 ${credentialsPath()}`);
    chmodSync(credentialsPath(), 0o600);
    expect((await cli(['whoami'])).code).toBe(0);
  });

  it('has an exit code for every failure class', async () => {
    expect((await cli(['sync', 'everything'])).code).toBe(2);
    expect((await cli(['sync', '--from', '2026-13-45'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const missing = await cli(['jobs', 'show', '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such sync job.');
    expect(missing.stderr).toContain('garmin-sync jobs list');
    const down = await cli(['whoami', '--gateway', `http://127.0.0.1:${await freePort()}`]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('does not answer');
    const verbose = await cli(['jobs', 'show', 'x', '--verbose']);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/at .*main\.js/);
  });

  it('signs out: the session ends at the gateway, and the CLI says so next time', async () => {
    const token = JSON.parse(readFileSync(credentialsPath(), 'utf8')).accessToken;
    const out = await cli(['logout']);
    expect(out).toMatchObject({ code: 0 });
    expect(out.stdout).toMatch(/^Signed out cli\d+: the gateway ended the session, and the credentials here are forgotten\.\n$/);
    expect((await stack.gateway.get('/v1/auth/me', { token })).status).toBe(401);
    expect((await cli(['whoami'])).code).toBe(3);
  });
  /** What python-garminconnect would have written to garmin_tokens.json for this account. */
  async function pgcTokenFile(email: string, password: string): Promise<string> {
    const config = validateConfig('test', GarminOnlyConfig, stack.sim.appEnv());
    const signedIn = await new GarminAuthenticator(config.garmin).start(email, password);
    if (signedIn.kind !== 'signed_in') throw new Error('expected a sign-in without MFA');
    const { oauth2, diClientId } = signedIn.session;
    return JSON.stringify({ di_token: oauth2.access_token, di_refresh_token: oauth2.refresh_token, di_client_id: diClientId });
  }

  async function plainAccount(name: string, behaviour: Record<string, unknown> = {}) {
    const profileId = 86_000_000 + (process.pid % 10_000) * 10 + name.length;
    const created = { email: `${name}${profileId}@fittrack.test`, password: `pw-${name}-${profileId}`, profileId, displayName: `${name}${profileId}` };
    await stack.sim.admin('/accounts', { ...created, ...behaviour });
    return created;
  }

  it('links with --tokens from a file, without a password, and --verbose says how it got in', async () => {
    const other = await plainAccount('tokens');
    const path = join(home, 'garmin_tokens.json');
    const tokens = await pgcTokenFile(other.email, other.password);
    writeFileSync(path, tokens, { mode: 0o600 });
    const run = await cli(['login', '--tokens', path, '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Signed in as ${other.displayName} (Garmin profile ${other.profileId}) from your Garmin tokens.\nGarmin: linked from imported tokens.\n`);
    expect(run.stdout + run.stderr).not.toContain(JSON.parse(tokens).di_token);
    expect(JSON.parse(readFileSync(credentialsPath(), 'utf8')).user.garminProfileId).toBe(other.profileId);
    expect((await cli(['whoami'])).stdout).toContain(`Garmin account ${other.profileId} linked, session active`);
  });

  it('reads the token file from stdin with --tokens -, and says what a bad file is', async () => {
    const other = await plainAccount('stdin-tokens');
    const piped = await cli(['login', '--tokens', '-'], [Buffer.from(await pgcTokenFile(other.email, other.password)).toString('base64')]);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain(`Signed in as ${other.displayName}`);

    const bad = await cli(['login', '--tokens', '-'], ['{"di_token": 42}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('di_token');
    expect(bad.stderr).toContain('garmin_tokens.json');
    const missing = await cli(['login', '--tokens', join(home, 'no-such-file.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no such file');
  });

  it('shows which strategy signed in with --verbose on a password login', async () => {
    const other = await plainAccount('verbose');
    const login = new CliRun(['login', other.email, '--verbose'], env);
    await login.waitFor('Garmin password:');
    login.write(other.password);
    const run = await login.finished();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Signed in as verbose\d+ \(Garmin profile \d+\)\.\nGarmin: signed in via mobile-impit\.\n$/);
  });

  it('tells a throttled account when it may try again, and why, then sends Garmin nothing', async () => {
    const throttled = await plainAccount('throttled', { signIn: { mobile: 'throttled', widget: 'throttled', portal: 'throttled' } });
    const first = new CliRun(['login', throttled.email], env);
    await first.waitFor('Garmin password:');
    first.write(throttled.password);
    const refused = await first.finished();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Garmin is throttling every way of signing in to this account from us; to avoid making it worse we will not try again before .* UTC \(in 2 h\)\./);
    expect(refused.stderr).toContain('garmin-sync login --tokens FILE');

    const logged = (await stack.sim.admin('/requests', undefined, 'GET')).length;
    const again = new CliRun(['login', throttled.email], env);
    await again.waitFor('Garmin password:');
    again.write(throttled.password);
    const cooling = await again.finished();
    expect(cooling.code).toBe(1);
    expect(cooling.stderr).toMatch(/Garmin is refusing sign-ins for this account from us \(throttled\); to avoid making it worse we will not try again before .* UTC \(in (1 h \d+ min|2 h)\)\./);
    expect((await stack.sim.admin('/requests', undefined, 'GET')).length).toBe(logged);
  });

  it('documents --tokens, --verbose, --mfa-code - and logout --local in its help', async () => {
    const help = await cli(['login', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--tokens <file>');
    expect(help.stdout).toContain("garth's dumps() string");
    expect(help.stdout).toContain('- reads it from stdin');
    expect(help.stdout).toMatch(/- reads it from stdin once\s+Garmin has sent it/);
    expect((await cli(['--help'])).stdout).toContain('which way sign-in got into Garmin');
    expect((await cli(['logout', '--help'])).stdout).toContain('--local');
  });
});
