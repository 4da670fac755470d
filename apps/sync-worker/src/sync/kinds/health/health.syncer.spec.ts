import { DataKind } from '@fittrack/contracts';
import { ConnectApi, GarminError } from '@fittrack/garmin';
import { acquireLease, createDataSource, Lease, runMigrations, SyncJob, User } from '@fittrack/persistence';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { WorkerConfig } from '../../../config/worker.config';
import { FencedWriter } from '../../fenced-writer';
import { JobContext } from '../../job-context';
import { KindAvailability } from '../availability';
import { addDays } from '../calendar';
import { KindRun } from '../kind-syncer';
import { ProfileSyncer } from '../profile/profile.syncer';
import { PROBE_DAYS } from './health-plan';
import { HealthSyncer } from './health.syncer';

jest.setTimeout(60_000);

const TODAY = '2026-06-30';
const YESTERDAY = addDays(TODAY, -1);

/**
 * Garmin as the health and profile sources see it, by path: every day has heart rate and stress, no day
 * has body battery (the device lacks it), steps come by range; `calls` records every request.
 */
function fakeGarmin(options: { devices?: string[]; heartRate?: (date: string) => boolean; reload?: (date: string) => void } = {}) {
  const calls: string[] = [];
  const getJson = jest.fn(async (path: string, query: Record<string, string> = {}) => {
    const date = query['date'] ?? path.split('/').pop() ?? '';
    calls.push(`${query['date'] ? path.replace(/\/$/, '') : path.split('/').slice(0, -1).join('/')} ${date}`);
    if (path.startsWith('/wellness-service/wellness/dailyHeartRate')) {
      return (options.heartRate ?? (() => true))(date) ? { calendarDate: date, restingHeartRate: 50, heartRateValues: [[1, 60]] } : { heartRateValues: null };
    }
    if (path.startsWith('/wellness-service/wellness/dailyStress/')) return { calendarDate: date, avgStressLevel: 30, stressValuesArray: [[1, 30]], bodyBatteryValuesArray: [] };
    if (path.startsWith('/usersummary-service/stats/steps/daily/')) {
      const [from, to] = path.split('/').slice(-2);
      const days: unknown[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) days.push({ calendarDate: d, totalSteps: 1000 });
      return days;
    }
    if (path === '/device-service/deviceregistration/devices') return (options.devices ?? ['3001']).map((deviceId) => ({ deviceId }));
    throw new Error(`unexpected request ${path}`);
  });
  const post = jest.fn(async (path: string) => {
    calls.push(`POST ${path}`);
    options.reload?.(path.split('/').pop() ?? '');
    return null;
  });
  return { api: { getJson, post } as unknown as ConnectApi, calls, getJson, post };
}

describe('HealthSyncer with what is known of each kind, and Garmin’s archive', () => {
  let db: TestDatabase;
  const config = Object.assign(new WorkerConfig(), { SYNC_ARCHIVE_AFTER_DAYS: 180, SYNC_ARCHIVE_RELOADS_PER_DAY: 3, SYNC_ABSENT_RECHECK_DAYS: 30 });
  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  let profile = 7000;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
  });

  afterAll(() => db?.drop());

  const newUser = async () => (await db.dataSource.getRepository(User).save({ garminProfileId: ++profile, displayName: `h${profile}` })).id;

  /** One job of the user over `range` (null: incremental) with `selection`, planned and fetched as the runner does. */
  async function sync(userId: string, selection: DataKind[], api: ConnectApi, range: { from: string; to: string } | null = null) {
    const [{ id: jobId }] = await query(
      `INSERT INTO sync_jobs (user_id, status, sync_type, kinds, by_kind, trigger, selection) VALUES ($1, 'running', 'all', '{health,profile}', '{}', 'manual', $2) RETURNING id`,
      [userId, selection],
    );
    await query(`DELETE FROM sync_leases WHERE user_id = $1`, [userId]);
    const lease = (await acquireLease(db.dataSource.manager, userId, jobId, 'spec', 60_000)) as Lease;
    const job = await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id: jobId });
    const ctx = new JobContext(job, lease, db.dataSource.manager, 10, () => undefined);
    const writer = new FencedWriter(db.dataSource.manager, lease, () => undefined);
    const run: KindRun = {
      ctx,
      api,
      manager: db.dataSource.manager,
      selection: new Set(selection),
      availability: await KindAvailability.load(db.dataSource.manager, lease, jobId, config.SYNC_ABSENT_RECHECK_DAYS),
      displayName: 'spec',
      profileId: 1,
      today: TODAY,
      range,
      cursor: null,
      concurrency: 3,
      upsert: writer.upsert,
      together: (work) => writer.together(work),
    };
    const plans = [await new HealthSyncer(config).plan(run), await new ProfileSyncer().plan({ ...run })];
    ctx.planned();
    for (const plan of plans) await plan.fetch();
    await ctx.flush();
    return { jobId, ...ctx.totals, view: (await query(`SELECT by_kind, archive FROM sync_jobs WHERE id = $1`, [jobId]))[0] };
  }
  const known = async (userId: string) =>
    Object.fromEntries(((await query(`SELECT kind, state FROM kind_availability WHERE user_id = $1`, [userId])) as { kind: string; state: string }[]).map((r) => [r.kind, r.state]));

  it('probes a kind not known yet; one the device lacks costs its probe days once, then nothing in every later sync', async () => {
    const userId = await newUser();
    const range = { from: addDays(TODAY, -4), to: TODAY };
    const first = fakeGarmin({ heartRate: () => false });
    const one = await sync(userId, ['heart_rate', 'steps', 'devices'], first.api, range);
    expect(first.calls.filter((c) => c.includes('dailyHeartRate'))).toEqual(
      Array.from({ length: PROBE_DAYS }, (_, i) => `/wellness-service/wellness/dailyHeartRate ${addDays(YESTERDAY, -i)}`),
    );
    expect(one.processed).toBe(one.total);
    expect(await known(userId)).toEqual({ heart_rate: 'absent', steps: 'produces' });

    const second = fakeGarmin({ heartRate: () => false });
    const two = await sync(userId, ['heart_rate', 'steps', 'devices'], second.api, range);
    expect(second.calls.filter((c) => c.includes('dailyHeartRate'))).toEqual([]);
    // Steps: no probe any more, one chunk for the window; devices: one request.
    expect(second.calls).toHaveLength(2);
    expect(two).toMatchObject({ processed: 2, total: 2 });
  });

  it('does not call a kind absent for one day without data: the probe looks further back and stops at data', async () => {
    const userId = await newUser();
    const garmin = fakeGarmin({ heartRate: (date) => date !== YESTERDAY });
    const done = await sync(userId, ['heart_rate'], garmin.api, { from: addDays(TODAY, -4), to: TODAY });
    const days = garmin.calls.filter((c) => c.includes('dailyHeartRate')).map((c) => c.split(' ')[1]);
    // Yesterday (empty), the day before (data): produces; then the rest of the window, each day once.
    expect(days.slice(0, 2)).toEqual([YESTERDAY, addDays(TODAY, -2)]);
    expect([...days].sort()).toEqual([addDays(TODAY, -4), addDays(TODAY, -3), addDays(TODAY, -2), YESTERDAY, TODAY]);
    expect(done.processed).toBe(done.total);
    expect(await known(userId)).toEqual({ heart_rate: 'produces' });
  });

  it('asks a kind with data on through its window, the probe standing for its own day', async () => {
    const userId = await newUser();
    const garmin = fakeGarmin();
    const done = await sync(userId, ['heart_rate'], garmin.api, { from: addDays(TODAY, -3), to: TODAY });
    const days = garmin.calls.filter((c) => c.includes('dailyHeartRate')).map((c) => c.split(' ')[1]);
    expect(days.sort()).toEqual([addDays(TODAY, -3), addDays(TODAY, -2), YESTERDAY, TODAY]);
    expect(done).toMatchObject({ processed: 4, total: 4 });
    expect((await query(`SELECT count(*)::int AS n FROM daily_health WHERE user_id = $1 AND metric = 'heart_rate'`, [userId]))[0].n).toBe(4);
  });

  it('skips a source only when every selected kind it yields is absent', async () => {
    const userId = await newUser();
    const range = { from: addDays(TODAY, -1), to: TODAY };
    await sync(userId, ['stress', 'body_battery'], fakeGarmin().api, range);
    expect(await known(userId)).toEqual({ stress: 'produces', body_battery: 'absent' });
    const both = fakeGarmin();
    await sync(userId, ['stress', 'body_battery'], both.api, range);
    expect(both.calls.filter((c) => c.includes('dailyStress'))).toHaveLength(2);
    const batteryOnly = fakeGarmin();
    await sync(userId, ['body_battery'], batteryOnly.api, range);
    expect(batteryOnly.calls).toEqual([]);
  });

  it('probes an absent kind again after a new device, or once the mark is older than the re-check interval', async () => {
    const userId = await newUser();
    const range = { from: YESTERDAY, to: TODAY };
    await sync(userId, ['heart_rate', 'devices'], fakeGarmin({ heartRate: () => false, devices: ['3001'] }).api, range);
    expect(await known(userId)).toEqual({ heart_rate: 'absent' });
    expect((await query(`SELECT device_ids FROM kind_availability WHERE user_id = $1`, [userId]))[0].device_ids).toEqual(['3001']);

    const same = fakeGarmin({ devices: ['3001'] });
    await sync(userId, ['heart_rate', 'devices'], same.api, range);
    expect(same.calls.filter((c) => c.includes('dailyHeartRate'))).toEqual([]);

    // The profile sync lists a new watch: the next sync asks again, and learns the new watch has it.
    await sync(userId, ['heart_rate', 'devices'], fakeGarmin({ devices: ['3001', '4002'] }).api, range);
    expect(await known(userId)).toEqual({});
    const newWatch = fakeGarmin({ devices: ['3001', '4002'] });
    await sync(userId, ['heart_rate', 'devices'], newWatch.api, range);
    expect(newWatch.calls.filter((c) => c.includes('dailyHeartRate'))).toHaveLength(2);
    expect(await known(userId)).toEqual({ heart_rate: 'produces' });

    const other = await newUser();
    await sync(other, ['heart_rate'], fakeGarmin({ heartRate: () => false }).api, range);
    await query(`UPDATE kind_availability SET learned_at = now() - interval '31 days' WHERE user_id = $1`, [other]);
    const recheck = fakeGarmin();
    await sync(other, ['heart_rate'], recheck.api, range);
    expect(recheck.calls.filter((c) => c.includes('dailyHeartRate'))).toHaveLength(2);
  });

  it('queues archived days of intraday sources, reloads the newest within the day’s budget, fetches them, and goes on the next day', async () => {
    const userId = await newUser();
    await sync(userId, ['heart_rate'], fakeGarmin().api, { from: YESTERDAY, to: TODAY });
    const archiveFrom = addDays(TODAY, -179);
    const range = { from: addDays(archiveFrom, -5), to: addDays(archiveFrom, 1) };
    const night1 = fakeGarmin();
    const one = await sync(userId, ['heart_rate', 'steps'], night1.api, range);
    const hr = (calls: string[]) => calls.filter((c) => c.includes('dailyHeartRate')).map((c) => c.split(' ')[1]).sort();
    const posts = (calls: string[]) => calls.filter((c) => c.startsWith('POST')).map((c) => c.split('/').pop());
    const old = [1, 2, 3, 4, 5].map((n) => addDays(archiveFrom, -n));
    expect(posts(night1.calls)).toEqual(old.slice(0, 3));
    // Live days of the window, then the reloaded ones; never an archived day that was not reloaded; steps (not intraday) for all.
    expect(hr(night1.calls)).toEqual([...old.slice(0, 3), archiveFrom, addDays(archiveFrom, 1)].sort());
    expect(night1.calls.filter((c) => c.includes('stats/steps')).sort()).toEqual([
      `/usersummary-service/stats/steps/daily/${range.from} ${range.to}`,
      `/usersummary-service/stats/steps/daily/${addDays(TODAY, -27)} ${TODAY}`,
    ]);
    expect(one).toMatchObject({ processed: one.total });
    expect(one.view.archive).toEqual({ queued: 5, requested: 3, done: 3, remaining: 2 });

    const sameDay = fakeGarmin();
    const two = await sync(userId, ['heart_rate'], sameDay.api, null);
    expect(posts(sameDay.calls)).toEqual([]);
    expect(two.view.archive).toEqual({ queued: 0, requested: 0, done: 0, remaining: 2 });

    await query(`UPDATE archive_reload_days SET utc_day = utc_day - 1 WHERE user_id = $1`, [userId]);
    const nextDay = fakeGarmin();
    const three = await sync(userId, ['heart_rate'], nextDay.api, null);
    expect(posts(nextDay.calls)).toEqual(old.slice(3));
    expect(three.view.archive).toEqual({ queued: 0, requested: 2, done: 2, remaining: 0 });
    expect(((await query(`SELECT DISTINCT status FROM archive_reloads WHERE user_id = $1`, [userId])) as { status: string }[]).map((r) => r.status)).toEqual(['done']);
  });

  it('stops reloading for the day on Garmin’s 429, without failing, and keeps the count exact', async () => {
    const userId = await newUser();
    await sync(userId, ['heart_rate'], fakeGarmin().api, { from: YESTERDAY, to: TODAY });
    const archiveFrom = addDays(TODAY, -179);
    let accepted = 0;
    const garmin = fakeGarmin({
      reload: () => {
        if (++accepted > 1) throw GarminError.rateLimited();
      },
    });
    const done = await sync(userId, ['heart_rate'], garmin.api, { from: addDays(archiveFrom, -4), to: addDays(archiveFrom, -1) });
    expect(garmin.post).toHaveBeenCalledTimes(2);
    expect(done).toMatchObject({ processed: done.total });
    expect(done.view.archive).toEqual({ queued: 4, requested: 1, done: 1, remaining: 3 });
    const later = fakeGarmin();
    await sync(userId, ['heart_rate'], later.api, null);
    expect(later.post).not.toHaveBeenCalled();
  });
});
