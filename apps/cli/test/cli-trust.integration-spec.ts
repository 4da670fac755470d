import { freePort, PlatformStack, SIM_MFA } from '@fittrack/testing';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliRun } from './support/cli-run';
import { startCliStack } from './support/cli-stack';
import { GatewayProxy } from './support/gateway-proxy';

jest.setTimeout(120_000);

const REFRESH = 'POST /v1/auth/refresh';

/** The CLI's trust fixes: refresh under a file lock, logout that says when it could not sign out, MFA from stdin. */
describe('garmin-sync under concurrency and faults, against a real gateway and simulator', () => {
  let stack: PlatformStack;
  let proxy: GatewayProxy;
  let accounts = 0;

  beforeAll(async () => {
    stack = await startCliStack();
    proxy = await new GatewayProxy(stack.gateway.url).start();
  });

  afterAll(async () => {
    await proxy?.stop();
    await stack?.stop();
  });

  /** A user of their own (own home, own account), signed in through the CLI with the password on stdin. */
  async function signedInUser() {
    const home = mkdtempSync(join(tmpdir(), 'garmin-sync-trust-'));
    const profileId = 87_000_000 + (process.pid % 10_000) * 10 + ++accounts;
    const account = { email: `trust${profileId}@fittrack.test`, password: `pw-trust-${profileId}`, profileId, displayName: `trust${profileId}` };
    await stack.sim.admin('/accounts', account);
    const env = { XDG_CONFIG_HOME: home, GARMIN_SYNC_GATEWAY: proxy.url };
    const login = await run(['login', account.email], env, [account.password]);
    expect(login.code).toBe(0);
    const path = join(home, 'garmin-sync', 'credentials.json');
    const credentials = () => JSON.parse(readFileSync(path, 'utf8'));
    const session = async () => {
      const [row] = await stack.database.dataSource.query(
        `SELECT s.revoked_at FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.garmin_profile_id = $1 ORDER BY s.created_at DESC LIMIT 1`,
        [profileId],
      );
      return row as { revoked_at: Date | null };
    };
    /** The access token expired by the file's clock and at the gateway, so the next command must refresh. */
    const expire = async () => {
      writeFileSync(path, JSON.stringify({ ...credentials(), accessExpiresAt: 0 }), { mode: 0o600 });
      await stack.database.dataSource.query(
        `UPDATE authentication_tokens t SET expires_at = now() - interval '1 second' FROM users u WHERE u.id = t.user_id AND u.garmin_profile_id = $1`,
        [profileId],
      );
    };
    return { home, env, path, lock: `${path}.lock`, account, credentials, session, expire };
  }

  function run(args: string[], env: Record<string, string>, input: string[] = []) {
    const cli = new CliRun(args, env);
    for (const line of input) cli.write(line);
    return cli.finished();
  }

  it('refreshes once between two processes started together, both succeed, and the session is not revoked', async () => {
    const user = await signedInUser();
    await user.expire();
    const before = user.credentials().refreshToken;
    // The refresh is held long enough that the second process reaches the lock while the first is refreshing.
    proxy.rule(REFRESH, { holdMs: 2_000 });
    const refreshesBefore = proxy.count(REFRESH);
    try {
      const [first, second] = await Promise.all([run(['whoami'], user.env), run(['whoami'], user.env)]);
      expect([first.code, second.code, first.stderr + second.stderr]).toEqual([0, 0, '']);
    } finally {
      proxy.rule(REFRESH);
    }
    expect(proxy.count(REFRESH) - refreshesBefore).toBe(1);
    expect((await user.session()).revoked_at).toBeNull();
    expect(user.credentials().refreshToken).not.toBe(before);
    expect(existsSync(user.lock)).toBe(false);
    expect((await run(['whoami'], user.env)).code).toBe(0);
    console.log('proved: two concurrent CLI processes with an expired token refresh once, under the lock, and the session survives');
  });

  it('breaks a lock left by a process killed while refreshing, and one whose holder stopped touching it', async () => {
    const user = await signedInUser();
    await user.expire();
    // The refresh never reaches the gateway (so no token is rotated behind the killed process's back).
    proxy.rule(REFRESH, { holdMs: 30_000, answer: { status: 503, body: { message: 'held' } } });
    const refreshesBefore = proxy.count(REFRESH);
    const doomed = new CliRun(['whoami'], user.env);
    try {
      for (let i = 0; proxy.count(REFRESH) === refreshesBefore; i++) {
        if (i > 600) throw new Error('the CLI never sent its refresh');
        await sleep(50);
      }
      expect(existsSync(user.lock)).toBe(true);
      doomed.child.kill('SIGKILL');
      await doomed.finished();
    } finally {
      proxy.rule(REFRESH);
    }
    expect(JSON.parse(readFileSync(user.lock, 'utf8')).pid).toBe(doomed.child.pid); // left behind
    const after = await run(['whoami'], user.env);
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(existsSync(user.lock)).toBe(false);

    // A live pid (ours) whose lock has not been touched for a minute: a frozen holder, or a pid reused since.
    await user.expire();
    writeFileSync(user.lock, JSON.stringify({ pid: process.pid, host: hostname() }), { mode: 0o600 });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(user.lock, minuteAgo, minuteAgo);
    const stale = await run(['whoami'], user.env);
    expect([stale.code, stale.stderr]).toEqual([0, '']);
    expect((await user.session()).revoked_at).toBeNull();
    console.log('proved: a lock whose holder was killed, or stopped its heartbeat, does not block the next refresh');
  });

  it('says when logout could not end the session, keeps the credentials to try again, and --local forgets them', async () => {
    const user = await signedInUser();
    const token = user.credentials().accessToken;
    const dead = `http://127.0.0.1:${await freePort()}`;

    const unreachable = await run(['logout', '--gateway', dead], user.env);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`Not signed out: the gateway could not end the session of ${user.account.displayName}`);
    expect(unreachable.stderr).toContain('does not answer');
    expect(unreachable.stderr).toContain('The credentials here are kept');
    expect(existsSync(user.path)).toBe(true);

    proxy.rule('POST /v1/auth/logout', { answer: { status: 503, body: { statusCode: 503, message: 'the platform is unavailable' } } });
    try {
      const failing = await run(['logout', '--json'], user.env);
      expect(failing.code).toBe(1);
      expect(JSON.parse(failing.stdout)).toEqual({ signedOut: false, sessionEnded: false, credentialsForgotten: false });
      expect(failing.stderr).toContain('The platform is unavailable');
      expect(existsSync(user.path)).toBe(true);
    } finally {
      proxy.rule('POST /v1/auth/logout');
    }
    expect((await stack.gateway.get('/v1/auth/me', { token })).status).toBe(200);

    const local = await run(['logout', '--local', '--gateway', dead], user.env);
    expect(local.code).toBe(1);
    expect(local.stderr).toContain('so it stays open there until it expires; the credentials here are forgotten, as --local asked');
    expect(existsSync(user.path)).toBe(false);
    expect((await stack.gateway.get('/v1/auth/me', { token })).status).toBe(200);
    console.log('proved: logout exits 1 and keeps the credentials when the gateway is down or fails; --local forgets them, and says the session stays open');
  });

  it('says when the session had already ended, exits 3 and forgets the credentials', async () => {
    const user = await signedInUser();
    const token = user.credentials().accessToken;
    expect((await stack.gateway.post('/v1/auth/logout', undefined, { token })).status).toBe(204); // signed out elsewhere
    const out = await run(['logout'], user.env);
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('had already ended at the gateway');
    expect(out.stderr).toContain('the credentials here are forgotten');
    expect(existsSync(user.path)).toBe(false);
    console.log('proved: logout of an already-ended session exits 3 and forgets the useless credentials');
  });

  it('takes the MFA code from stdin with --mfa-code -, and never shows or logs the password or the code', async () => {
    const home = mkdtempSync(join(tmpdir(), 'garmin-sync-mfa-'));
    const env = { XDG_CONFIG_HOME: home, GARMIN_SYNC_GATEWAY: proxy.url };
    const login = new CliRun(['login', SIM_MFA.email, '--mfa-code', '-'], env);
    await login.waitFor('Garmin password:');
    login.write(SIM_MFA.password);
    await login.waitFor('Code:');
    const code = await stack.sim.mfaCode(SIM_MFA.email);
    login.write(code);
    const run1 = await login.finished();
    expect(run1.code).toBe(0);
    expect(run1.stdout).toMatch(/^Signed in as .+ \(Garmin profile \d+\)\.\n$/);
    for (const secret of [SIM_MFA.password, code]) {
      expect(run1.stdout + run1.stderr).not.toContain(secret);
      expect(stack.logs).not.toContain(secret);
    }
    expect((await run(['whoami'], env)).code).toBe(0);

    // A wrong code from stdin is not asked for again: a script gets the failure and its exit code.
    const wrong = new CliRun(['login', SIM_MFA.email, '--mfa-code', '-'], env);
    await wrong.waitFor('Garmin password:');
    wrong.write(SIM_MFA.password);
    await wrong.waitFor('Code:');
    wrong.write('000000');
    const refused = await wrong.finished();
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('Code:').length).toBe(2); // asked once
    // And stdin that ends before the code is a usage error, not a code of "".
    const ended = await run(['login', SIM_MFA.email, '--mfa-code', '-'], env, [SIM_MFA.password]);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toContain('No MFA code was given (stdin ended).');
    console.log('proved: the MFA code is read from stdin once Garmin sent it, tried once, and neither secret is printed or logged');
  });
});
