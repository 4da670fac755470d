import { CATALOG_DEFAULT_SELECTION } from '@fittrack/contracts';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { createDataSource, createSyncJob, CreationPolicy, enqueueNightlySyncJobs, runMigrations, SyncSelectionStore, User } from '../src';

const POLICY: CreationPolicy = { maxOpenJobs: 100, deadJob: { staleAfterSeconds: 3600, parkedGraceSeconds: 3600, commandsGoneBefore: null } };

/** What a job syncs is resolved when it is made, by the one creation path, for manual, platform and nightly jobs alike. */
describe('a job’s selection', () => {
  let db: TestDatabase;
  const selections = new SyncSelectionStore();
  let profile = 9100;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 2 }) });
  });

  afterAll(() => db?.drop());

  const user = async () => (await db.dataSource.getRepository(User).save({ garminProfileId: ++profile, displayName: `s${profile}` })).id;
  const create = (request: Parameters<typeof createSyncJob>[1], policy: CreationPolicy = POLICY) =>
    db.dataSource.transaction((manager) => createSyncJob(manager, request, policy));

  it('is the deployment default within the requested groups when the user has no override', async () => {
    const userId = await user();
    const { job } = await create({ userId, kinds: ['health', 'profile'], trigger: 'manual' }, { ...POLICY, defaultSelection: ['activities', 'sleep', 'spo2', 'devices'] });
    expect(job.selection).toEqual(['sleep', 'spo2', 'devices']);
    const catalog = await create({ userId, kinds: ['workouts'], trigger: 'platform' });
    expect(catalog.job.selection).toEqual(CATALOG_DEFAULT_SELECTION.filter((kind) => ['workouts', 'scheduled_workouts', 'training_plans'].includes(kind)));
  });

  it('is the user’s override instead, and back to the default after a reset', async () => {
    const userId = await user();
    await db.dataSource.transaction((manager) => selections.set(manager, userId, ['spo2', 'heart_rate', 'activities']));
    expect(await selections.overrideOf(db.dataSource.manager, userId)).toEqual(['activities', 'heart_rate', 'spo2']);
    const { job } = await create({ userId, kinds: ['health'], trigger: 'manual', from: '2026-01-01', to: '2026-01-02' });
    expect(job.selection).toEqual(['heart_rate', 'spo2']);
    expect(await selections.reset(db.dataSource.manager, userId)).toBe(true);
    expect(await selections.reset(db.dataSource.manager, userId)).toBe(false);
    const after = await create({ userId, kinds: ['health'], trigger: 'manual', from: '2026-01-03', to: '2026-01-04' });
    expect(after.job.selection).toContain('sleep');
    expect(after.job.selection).not.toContain('spo2');
  });

  it('is what the request named, when it named data kinds, and such a request is not the same as one without', async () => {
    const userId = await user();
    const plain = await create({ userId, kinds: ['health'], trigger: 'manual' });
    const named = await create({ userId, kinds: ['health'], dataKinds: ['spo2', 'floors'], trigger: 'manual' });
    expect(named.created).toBe(true);
    expect(named.job.id).not.toBe(plain.job.id);
    expect(named.job.selection).toEqual(['floors', 'spo2']);
    const again = await create({ userId, kinds: ['health'], dataKinds: ['floors', 'spo2'], trigger: 'manual' });
    expect(again).toMatchObject({ created: false, job: { id: named.job.id } });
  });

  it('is resolved per user by the nightly run: the override, else the deployment default', async () => {
    const withOverride = await user();
    const withDefault = await user();
    await selections.set(db.dataSource.manager, withOverride, ['steps', 'gear']);
    await db.dataSource.transaction((manager) =>
      enqueueNightlySyncJobs(manager, {
        userIds: [withOverride, withDefault],
        date: '2031-01-02',
        windowStart: new Date(),
        windowSeconds: 0,
        deadJob: POLICY.deadJob,
        defaultSelection: ['spo2', 'activities'],
      }),
    );
    const rows: { user_id: string; selection: string[] }[] = await db.dataSource.query(`SELECT user_id, selection FROM sync_jobs WHERE trigger = 'nightly'`);
    expect(Object.fromEntries(rows.map((row) => [row.user_id, row.selection]))).toEqual({
      [withOverride]: ['steps', 'gear'],
      [withDefault]: ['activities', 'spo2'],
    });
  });

  it('refuses an empty override', async () => {
    const userId = await user();
    await expect(selections.set(db.dataSource.manager, userId, [])).rejects.toThrow(/at least one/);
    await expect(db.dataSource.query(`INSERT INTO sync_selections (user_id, kinds) VALUES ($1, '{}')`, [userId])).rejects.toThrow(/ck_sync_selections_kinds/);
  });
});
