import { DATA_READ_LIMITS } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli-run';
import { startCliStack } from './support/cli-stack';

jest.setTimeout(300_000);

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Today on the calendar of the machine the CLI runs on (the child inherits this process's zone). */
const localToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** `garmin-sync activities`, `activity` and `health` as child processes, against a real stack after a real sync. */
describe('garmin-sync activities, activity and health', () => {
  let stack: PlatformStack;
  let env: Record<string, string>;
  let profileId: number;
  let activities: { id: string; type: string; day: string; name: string; distance_m: number | null; duration_s: number }[];
  let steps: { date: string; value: number | null }[];
  const cli = (args: string[], input: string[] = []) => runCli(args, env, input);
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await startCliStack({ workers: 1 });
    const work = mkdtempSync(join(tmpdir(), 'garmin-sync-reads-'));
    env = { XDG_CONFIG_HOME: join(work, 'config'), GARMIN_SYNC_GATEWAY: stack.gateway.url };
    profileId = 87_000_000 + (process.pid % 10_000);
    const account = { email: `rd${profileId}@fittrack.test`, password: `pw-${profileId}`, profileId };
    await stack.sim.admin('/accounts', { ...account, displayName: `rd${profileId}`, historyDays: 150 });
    expect(await cli(['login', account.email], [account.password])).toMatchObject({ code: 0 });
    // 150 days of history (about one activity a day) so that the activities span more than one page of the API.
    const from = isoDay(Date.now() - 149 * DAY_MS);
    expect((await cli(['sync', 'activities', '--from', from, '--watch'])).stdout).toMatch(/Job [0-9a-f-]{36} completed/);
    expect((await cli(['sync', 'health', '--kinds', 'steps', '--watch'])).stdout).toMatch(/Job [0-9a-f-]{36} completed/);
    const owner = `(SELECT id FROM users WHERE garmin_profile_id = $1)`;
    activities = await query(
      `SELECT activity_id::text AS id, activity_type AS type, start_date_local::text AS day, name, distance_m, duration_s FROM activities WHERE user_id = ${owner} ORDER BY start_time_utc DESC, activity_id DESC`,
      [profileId],
    );
    steps = await query(`SELECT calendar_date::text AS date, value FROM daily_health WHERE user_id = ${owner} AND metric = 'steps' ORDER BY calendar_date`, [profileId]);
    expect(activities.length).toBeGreaterThan(DATA_READ_LIMITS.activityPageMax);
    expect(steps.length).toBeGreaterThanOrEqual(10);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists every stored activity, newest first, following every page, as a table and as JSON, and filters by day and type', async () => {
    const json = await cli(['activities', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((a: { id: number }) => String(a.id))).toEqual(activities.map((a) => a.id));

    const table = await cli(['activities']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^date\s+id\s+type\s+name\s+km\s+time\s+avg hr$/);
    for (const [i, a] of activities.entries()) expect(lines[i + 1]).toMatch(new RegExp(`^${a.day}\\s+${a.id}\\s+${a.type}`));
    expect(lines.at(-1)).toContain(`${activities.length} activities.`);

    const type = activities[0].type;
    const typed = JSON.parse((await cli(['activities', '--type', type, '--json'])).stdout);
    expect(typed.map((a: { id: number }) => String(a.id))).toEqual(activities.filter((a) => a.type === type).map((a) => a.id));
    const day = activities[1].day;
    const onDay = JSON.parse((await cli(['activities', '--from', day, '--to', day, '--json'])).stdout);
    expect(onDay.map((a: { id: number }) => String(a.id))).toEqual(activities.filter((a) => a.day === day).map((a) => a.id));
    const two = JSON.parse((await cli(['activities', '--limit', '2', '--json'])).stdout);
    expect(two.map((a: { id: number }) => String(a.id))).toEqual(activities.slice(0, 2).map((a) => a.id));
    // More than one page but not all of them: the second page is asked for only the rest.
    const limit = DATA_READ_LIMITS.activityPageMax + 3;
    const some = JSON.parse((await cli(['activities', '--limit', String(limit), '--json'])).stdout);
    expect(some.map((a: { id: number }) => String(a.id))).toEqual(activities.slice(0, limit).map((a) => a.id));
  });

  it('shows one activity in detail', async () => {
    // One with a distance (a strength session has none, and the CLI then shows none).
    const a = activities.find((activity) => activity.distance_m !== null)!;
    const run = await cli(['activity', a.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`id:          ${a.id}\n`);
    expect(run.stdout).toContain(`name:        ${a.name}\n`);
    expect(run.stdout).toContain(`type:        ${a.type}\n`);
    expect(run.stdout).toContain(`day:         ${a.day}\n`);
    expect(run.stdout).toContain(`distance:    ${((a.distance_m ?? 0) / 1000).toFixed(2)} km\n`);
    const s = Math.round(a.duration_s);
    expect(run.stdout).toContain(`duration:    ${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}\n`);
    expect(JSON.parse((await cli(['activity', a.id, '--json'])).stdout)).toMatchObject({ id: Number(a.id), name: a.name, type: a.type });
  });

  it('prints a metric day by day with a sparkline of the whole range', async () => {
    const from = steps[0].date;
    const to = steps.at(-1)!.date;
    const run = await cli(['health', 'steps', '--from', from, '--to', to]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, steps.length)).toEqual(steps.map((d) => `${d.date}  ${d.value ?? '-'}`));
    const chart = lines[steps.length];
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    expect(chart).toMatch(new RegExp(`^${from} [▁▂▃▄▅▆▇█ ]{${days}} ${to}$`));
    expect(chart).toContain('█');
    expect(lines.at(-1)).toContain(`steps: ${steps.length} of ${days} days.`);
    expect(JSON.parse((await cli(['health', 'steps', '--from', from, '--to', to, '--json'])).stdout)).toMatchObject({ metric: 'steps', days: steps });
  });

  it('shows the last 30 days ending today when no range is given', async () => {
    const to = localToday();
    const from = isoDay(Date.parse(to) - 29 * DAY_MS);
    const inRange = steps.filter((d) => d.date >= from && d.date <= to);
    const run = await cli(['health', 'steps']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, inRange.length)).toEqual(inRange.map((d) => `${d.date}  ${d.value ?? '-'}`));
    expect(lines[inRange.length]).toMatch(new RegExp(`^${from} [▁▂▃▄▅▆▇█ ]{30} ${to}$`));
  });

  it('fails clearly: bad dates and ids are usage errors (2); an unknown metric lists the valid ones; an unknown activity exits 1', async () => {
    const badDate = await cli(['activities', '--from', '2026-13-40']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('"2026-13-40" is not a date');
    const leap = await cli(['health', 'steps', '--to', '2026-02-30']);
    expect(leap.code).toBe(2);
    expect(leap.stderr).toContain('"2026-02-30" is not a date');
    expect((await cli(['activity', 'abc'])).code).toBe(2);
    expect((await cli(['activities', '--limit', '0'])).code).toBe(2);

    const metric = await cli(['health', 'cadence']);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('steps');
    expect(metric.stderr).toContain('sleep');

    const unknown = await cli(['activity', '999999999999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No activity 999999999999.');
    expect(unknown.stderr).toContain('garmin-sync sync activities');
  });
});
