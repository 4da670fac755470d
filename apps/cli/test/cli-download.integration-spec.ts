import { PlatformStack } from '@fittrack/testing';
import { unzipSync } from 'fflate';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli-run';
import { startCliStack } from './support/cli-stack';

jest.setTimeout(180_000);

/** `garmin-sync download` as a child process, against a real gateway, worker and simulator, after a real sync. */
describe('garmin-sync download', () => {
  let stack: PlatformStack;
  let env: Record<string, string>;
  let work: string;
  let files: { activity_id: string; data: Buffer }[];
  const cli = (args: string[], input: string[] = []) => runCli(args, env, input);
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await startCliStack({ workers: 1 });
    work = mkdtempSync(join(tmpdir(), 'garmin-sync-download-'));
    env = { XDG_CONFIG_HOME: join(work, 'config'), GARMIN_SYNC_GATEWAY: stack.gateway.url };
    const profileId = 86_000_000 + (process.pid % 10_000);
    const account = { email: `dl${profileId}@fittrack.test`, password: `pw-${profileId}`, profileId };
    await stack.sim.admin('/accounts', { ...account, displayName: `dl${profileId}`, historyDays: 14 });
    expect(await cli(['login', account.email], [account.password])).toMatchObject({ code: 0 });
    const synced = await cli(['sync', 'activities', '--watch']);
    expect(synced.stdout).toMatch(/Job [0-9a-f-]{36} completed/);
    files = await query(
      `SELECT f.activity_id, f.data FROM activity_files f JOIN users u ON u.id = f.user_id WHERE u.garmin_profile_id = $1 AND f.file_format = 'fit' ORDER BY f.activity_id`,
      [profileId],
    );
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('saves the original FIT into a directory under <id>.fit, byte for byte, and says where', async () => {
    const [file] = files;
    const dir = mkdtempSync(join(work, 'out-'));
    const run = await cli(['download', file.activity_id, '--out', dir]);
    const path = join(dir, `${file.activity_id}.fit`);
    expect(run).toMatchObject({ code: 0, stdout: `Saved activity ${file.activity_id} (FIT, ${file.data.length} bytes) to ${path}.\n` });
    expect(readFileSync(path).equals(file.data)).toBe(true);
  });

  it('writes each conversion to the path given, the same bytes the gateway serves, and answers --json', async () => {
    const [file] = files;
    for (const format of ['gpx', 'tcx', 'csv']) {
      const path = join(work, `mine.${format}`);
      const run = await cli(['download', file.activity_id, '--format', format, '--out', path, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ activityId: file.activity_id, format, path, bytes: readFileSync(path).length });
      const token = JSON.parse(readFileSync(join(work, 'config', 'garmin-sync', 'credentials.json'), 'utf8')).accessToken;
      const served = await stack.gateway.get(`/v1/activities/${file.activity_id}/export?format=${format}`, { token });
      expect(readFileSync(path, 'utf8')).toBe(served.body);
    }
  });

  it('export saves the whole archive into --out DIR, following its progress, with every original file in it', async () => {
    const dir = join(work, 'archive', 'here');
    const run = await cli(['export', '--out', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔? ?Export [0-9a-f-]{36}: making your archive\./);
    expect(run.stdout).toMatch(/(running|completed) \d+\/\d+ items/);
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^garmin-export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    expect(run.stdout).toContain(`original files`);
    expect(run.stdout).toContain(`to ${join(dir, name)} in`);
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, name))));
    for (const file of files) expect(Buffer.from(zip[`activities/files/${file.activity_id}.fit`]).equals(file.data)).toBe(true);
    expect(JSON.parse(Buffer.from(zip['activities/activities.json']).toString()).length).toBeGreaterThanOrEqual(files.length);

    const json = await cli(['export', '--out', dir, '--json']);
    expect(json.code).toBe(0);
    const said = JSON.parse(json.stdout);
    expect(said).toMatchObject({ exportId: expect.any(String), path: expect.stringContaining(dir), counts: { activity_files: files.length } });
    expect(readFileSync(said.path).length).toBe(said.bytes);

    const notDir = await cli(['export', '--out', join(dir, name)]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain('is not a directory that can be written');
  });

  it('fails clearly: a bad format or id is a usage error (2); an unknown activity or a missing file exits 1 with the reason', async () => {
    const badFormat = await cli(['download', files[0].activity_id, '--format', 'kml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("Allowed choices are fit, gpx, tcx, csv");
    const badId = await cli(['download', 'abc']);
    expect(badId).toMatchObject({ code: 2 });
    expect(badId.stderr).toContain('"abc" is not an activity id');

    const unknown = await cli(['download', '999999999999', '--out', work]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No activity 999999999999.');
    expect(unknown.stderr).toContain('garmin-sync sync activities');

    const file = files[1];
    await query(`DELETE FROM activity_files WHERE activity_id = $1`, [file.activity_id]);
    const missing = await cli(['download', file.activity_id, '--format', 'gpx', '--out', work]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Activity ${file.activity_id} is stored without its original file`);

    const unwritable = await cli(['download', files[0].activity_id, '--out', join(work, 'no', 'such', 'dir', 'x.fit')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('Could not write');
    expect(unwritable.stderr).toContain('ENOENT');
  });
});
