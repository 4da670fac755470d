import { DataEventSubject } from '@fittrack/contracts';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { randomUUID } from 'node:crypto';
import { changeCountsOf, createDataSource, relayOutbox, runMigrations, upsertRows, UpsertSpec, User } from '../src';

interface Day {
  date: string;
  metric: 'steps' | 'sleep';
  value: number | null;
  raw: unknown;
}

const DAYS = (userId: string): UpsertSpec<Day> => ({
  table: 'daily_health',
  columns: ['user_id', 'calendar_date', 'metric', 'value', 'raw'],
  key: ['user_id', 'calendar_date', 'metric'],
  update: ['value', 'raw'],
  casts: { raw: 'jsonb' },
  touch: true,
  events: { subject: DataEventSubject.Health, kind: { column: 'metric' }, key: { date: 'calendar_date', metric: 'metric' }, headline: { value: 'value' } },
  values: (r) => [userId, r.date, r.metric, r.value, JSON.stringify(r.raw)],
});

/** The upsert and its change events, in one statement, against the real schema. */
describe('change events written by the upsert', () => {
  let db: TestDatabase;
  let profile = 9300;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 2 }) });
  });

  afterAll(() => db?.drop());

  const user = async () => (await db.dataSource.getRepository(User).save({ garminProfileId: ++profile, displayName: `e${profile}` })).id;
  const eventsOf = async (jobId: string) =>
    (await db.dataSource.query(`SELECT subject, msg_id, payload FROM outbox WHERE job_id = $1 ORDER BY id`, [jobId])) as { subject: string; msg_id: string; payload: Record<string, unknown> }[];

  it('writes one event per inserted or really changed row, with its version, and none for an unchanged one', async () => {
    const userId = await user();
    const [first, second] = [randomUUID(), randomUUID()];
    const days: Day[] = [
      { date: '2026-07-01', metric: 'steps', value: 9000, raw: { totalSteps: 9000 } },
      { date: '2026-07-01', metric: 'sleep', value: 420, raw: { sleep: 420 } },
      { date: '2026-07-02', metric: 'steps', value: null, raw: {} },
    ];
    expect(await upsertRows(db.dataSource.manager, DAYS(userId), days, { changeEvents: { jobId: first } })).toBe(3);
    const created = await eventsOf(first);
    expect(created.map((e) => e.msg_id)).toEqual([
      `garmin.events.data.health:${userId}:2026-07-01:steps:v1`,
      `garmin.events.data.health:${userId}:2026-07-01:sleep:v1`,
      `garmin.events.data.health:${userId}:2026-07-02:steps:v1`,
    ]);
    expect(created[0]).toMatchObject({
      subject: 'garmin.events.data.health',
      payload: { userId, kind: 'steps', key: { date: '2026-07-01', metric: 'steps' }, version: 1, change: 'created', jobId: first, value: 9000 },
    });
    expect(JSON.stringify(created)).not.toContain('totalSteps');

    // The same rows again, one of them with a new raw only: one event, version 2; nothing for the rest.
    const again = [days[0], { ...days[1], raw: { sleep: 420, corrected: true } }, days[2]];
    expect(await upsertRows(db.dataSource.manager, DAYS(userId), again, { changeEvents: { jobId: second } })).toBe(1);
    expect((await eventsOf(second)).map((e) => [e.msg_id, e.payload.change, e.payload.version])).toEqual([
      [`garmin.events.data.health:${userId}:2026-07-01:sleep:v2`, 'updated', 2],
    ]);
    expect(await changeCountsOf(db.dataSource.manager, first)).toEqual({ total: 3, byKind: { steps: 2, sleep: 1 }, activityFiles: 0 });
    expect(await changeCountsOf(db.dataSource.manager, second)).toEqual({ total: 1, byKind: { sleep: 1 }, activityFiles: 0 });

    // Without change events (the benchmark's baseline) the row changes, its version and the outbox do not.
    const third = randomUUID();
    expect(await upsertRows(db.dataSource.manager, DAYS(userId), [{ ...days[0], value: 9001 }])).toBe(1);
    expect(await eventsOf(third)).toEqual([]);
    const [row] = await db.dataSource.query(`SELECT value, version FROM daily_health WHERE user_id = $1 AND calendar_date = '2026-07-01' AND metric = 'steps'`, [userId]);
    expect(row).toEqual({ value: 9001, version: 1 });
  });

  it('rolls the events back with the data, and relays change events and commands as two channels', async () => {
    const userId = await user();
    const jobId = randomUUID();
    await expect(
      db.dataSource.transaction(async (tx) => {
        await upsertRows(tx, DAYS(userId), [{ date: '2026-07-03', metric: 'steps', value: 1, raw: {} }], { changeEvents: { jobId } });
        throw new Error('the fence said no');
      }),
    ).rejects.toThrow('the fence said no');
    expect(await eventsOf(jobId)).toEqual([]);

    await db.dataSource.query(`UPDATE outbox SET published_at = now()`);
    await db.dataSource.query(`INSERT INTO outbox (subject, msg_id, payload) VALUES ('garmin.cmd.sync.run', $1, '{}')`, [randomUUID()]);
    await upsertRows(db.dataSource.manager, DAYS(userId), [{ date: '2026-07-04', metric: 'steps', value: 2, raw: {} }], { changeEvents: { jobId } });
    const seen: Record<string, string[]> = {};
    for (const channel of ['data', 'commands'] as const) {
      await relayOutbox(db.dataSource.manager, channel, 100, async (rows) => {
        seen[channel] = rows.map((r) => r.subject);
      });
    }
    expect(seen).toEqual({ data: ['garmin.events.data.health'], commands: ['garmin.cmd.sync.run'] });
  });
});
