import { KindAvailability } from '../src/sync/kinds/availability';
import { CATALOG_DEFAULT_SELECTION, DataKind } from '@fittrack/contracts';
import { ActivitySummary, ConnectApi } from '@fittrack/garmin';
import { acquireLease, createDataSource, createSyncJob, CreationPolicy, Lease, runMigrations, SyncJob, User } from '@fittrack/persistence';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { EntityManager } from 'typeorm';
import { WorkerConfig } from '../src/config/worker.config';
import { FencedWriter } from '../src/sync/fenced-writer';
import { JobContext } from '../src/sync/job-context';
import { ActivitiesSyncer } from '../src/sync/kinds/activities.syncer';
import { KindRun } from '../src/sync/kinds/kind-syncer';

const POLICY: CreationPolicy = { maxOpenJobs: 1000, deadJob: { staleAfterSeconds: 86_400, parkedGraceSeconds: 86_400, commandsGoneBefore: null } };
const RANGE = { from: '2026-04-01', to: '2026-05-02' };
const FIT = Buffer.concat([Buffer.from([14, 16, 0, 0, 0, 0, 0, 0]), Buffer.from('.FIT'), Buffer.alloc(8)]);

const entry = (id: number, typeKey: string, name = `${typeKey} ${id}`): ActivitySummary => ({
  activityId: id,
  activityName: name,
  startTimeLocal: '2026-05-01 07:00:00',
  startTimeGMT: '2026-05-01 05:00:00',
  activityType: { typeId: 1, typeKey },
  beginTimestamp: 0,
  hrTimeInZone_1: 300,
});

/** Garmin with a run and a strength session; `failing` paths fail once each (a crash mid-attempt, as far as the job can tell). */
function garmin(list: ActivitySummary[], failing: Set<string> = new Set()) {
  const requests: string[] = [];
  const answers: Record<string, unknown> = {
    '/activity-service/activity/101/splits': { activityId: 101, lapDTOs: [{ lapIndex: 1 }] },
    '/activity-service/activity/202/splits': { activityId: 202, lapDTOs: [{ lapIndex: 1 }] },
    '/activity-service/activity/202/exerciseSets': { activityId: 202, exerciseSets: [{ setType: 'ACTIVE', repetitionCount: 8 }] },
    '/activity-service/activity/101/weather': { temp: 58 },
    '/activity-service/activity/202/weather': null,
  };
  const api = {
    activities: async (start: number) => (start === 0 ? list : []),
    activity: async (id: number) => {
      requests.push(`detail ${id}`);
      return { activityId: id, summaryDTO: {} };
    },
    activityFile: async (id: number) => {
      requests.push(`file ${id}`);
      return FIT;
    },
    getJson: async (path: string) => {
      requests.push(path);
      if (failing.delete(path)) throw new Error(`Garmin failed ${path}`);
      return answers[path] ?? null;
    },
  } as unknown as ConnectApi;
  return { api, requests };
}

/**
 * The activity parts against the real schema: written with the activity's detail in one fenced transaction,
 * and an attempt after a failure (or with a wider selection) fetches exactly the activities that lack a part.
 */
describe('activity parts are stored with their activity, and resumed exactly', () => {
  let db: TestDatabase;
  let userId: string;
  let lease: Lease;
  let job: SyncJob;
  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const syncer = new ActivitiesSyncer({ SYNC_BACKFILL_DAYS: 30, SYNC_ACTIVITY_REREAD_DAYS: 7 } as WorkerConfig);

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
    userId = (await db.dataSource.getRepository(User).save({ garminProfileId: Math.floor(Math.random() * 1e9), displayName: 'runner' })).id;
    job = (await db.dataSource.transaction((tx) => createSyncJob(tx, { userId, kinds: ['activities'], trigger: 'manual' }, POLICY))).job;
    lease = (await acquireLease(db.dataSource.manager, userId, job.id, 'spec', 600_000))!;
  });
  afterAll(() => db.drop());

  /** One attempt of the job: the syncer over the real database, its progress kept apart (the job row is not under test). */
  async function attempt(api: ConnectApi, selection: readonly DataKind[] = CATALOG_DEFAULT_SELECTION): Promise<void> {
    const progress = { query: async () => [[{ id: job.id }], 1] } as unknown as EntityManager;
    const ctx = new JobContext({ ...job, byKind: {}, processedItems: 0 } as SyncJob, lease, progress, 60_000, () => undefined);
    const writer = new FencedWriter(db.dataSource.manager, lease, () => undefined);
    const run: KindRun = {
      ctx,
      api,
      selection: new Set(selection),
      availability: KindAvailability.nothingKnown(db.dataSource.manager, lease, job.id),
      displayName: 'runner',
      profileId: 1,
      manager: db.dataSource.manager,
      today: '2026-05-02',
      range: RANGE,
      cursor: null,
      concurrency: 1,
      upsert: writer.upsert,
      together: (work) => writer.together(work),
    };
    await (await syncer.plan(run)).fetch();
  }

  const stored = async () => ({
    activities: await query(`SELECT activity_id::int AS id, name, parts_asked FROM activities WHERE user_id = $1 ORDER BY 1`, [userId]),
    parts: (await query(`SELECT activity_id::int AS id, part FROM activity_parts WHERE user_id = $1 ORDER BY 1, 2`, [userId])).map((r: { id: number; part: string }) => `${r.id}:${r.part}`),
  });

  it('an attempt that fails on a part leaves that activity unwritten; the next fetches only it', async () => {
    const first = garmin([entry(101, 'running'), entry(202, 'strength_training')], new Set(['/activity-service/activity/202/exerciseSets']));
    await expect(attempt(first.api)).rejects.toThrow('Garmin failed');
    expect(await stored()).toEqual({ activities: [{ id: 101, name: 'running 101', parts_asked: ['activity_zones', 'activity_splits'] }], parts: ['101:activity_splits', '101:activity_zones'] });

    const second = garmin([entry(101, 'running'), entry(202, 'strength_training')]);
    await attempt(second.api);
    expect(second.requests).toEqual(['detail 202', 'file 202', '/activity-service/activity/202/splits', '/activity-service/activity/202/exerciseSets']);
    expect(await stored()).toEqual({
      activities: [
        { id: 101, name: 'running 101', parts_asked: ['activity_zones', 'activity_splits'] },
        { id: 202, name: 'strength_training 202', parts_asked: ['activity_zones', 'activity_splits', 'activity_exercise_sets'] },
      ],
      parts: ['101:activity_splits', '101:activity_zones', '202:activity_exercise_sets', '202:activity_splits', '202:activity_zones'],
    });
  });

  it('a newly selected part fetches every activity again once; a part with no data is not asked again', async () => {
    const withWeather = [...CATALOG_DEFAULT_SELECTION, 'activity_weather' as const];
    const wider = garmin([entry(101, 'running'), entry(202, 'strength_training')]);
    await attempt(wider.api, withWeather);
    expect(wider.requests.filter((r) => r.endsWith('/weather'))).toEqual(['/activity-service/activity/101/weather', '/activity-service/activity/202/weather']);
    const { activities, parts } = await stored();
    expect(activities.map((a: { parts_asked: string[] }) => a.parts_asked.includes('activity_weather'))).toEqual([true, true]);
    expect(parts).toContain('101:activity_weather');
    expect(parts).not.toContain('202:activity_weather');

    const again = garmin([entry(101, 'running'), entry(202, 'strength_training')]);
    await attempt(again.api, withWeather);
    expect(again.requests).toEqual([]);
  });

  it('an edited activity whose fetch failed is still seen as edited by the next attempt', async () => {
    const edited = [entry(101, 'running', 'renamed run'), entry(202, 'strength_training')];
    const failing = garmin(edited, new Set(['/activity-service/activity/101/splits']));
    await expect(attempt(failing.api)).rejects.toThrow('Garmin failed');
    expect((await stored()).activities[0].name).toBe('running 101');

    const next = garmin(edited);
    await attempt(next.api);
    expect(next.requests).toEqual(['detail 101', 'file 101', '/activity-service/activity/101/splits']);
    expect((await stored()).activities[0].name).toBe('renamed run');
  });
});
