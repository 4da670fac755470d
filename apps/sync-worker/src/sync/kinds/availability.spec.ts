import { DataKind } from '@fittrack/contracts';
import { acquireLease, createDataSource, Lease, runMigrations, User } from '@fittrack/persistence';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { JobStopped } from '../sync.errors';
import { KindAvailability, kindsIn } from './availability';

jest.setTimeout(60_000);

/** The availability unit on its own, against PostgreSQL (where what it learns is kept). */
describe('KindAvailability', () => {
  let db: TestDatabase;
  let profile = 6100;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
  });

  afterAll(() => db?.drop());

  async function leased(): Promise<{ lease: Lease; jobId: string }> {
    const userId = (await db.dataSource.getRepository(User).save({ garminProfileId: ++profile, displayName: `k${profile}` })).id;
    const [{ id: jobId }] = await db.dataSource.query(
      `INSERT INTO sync_jobs (user_id, status, sync_type, kinds, by_kind, trigger) VALUES ($1, 'running', 'health', '{health}', '{}', 'manual') RETURNING id`,
      [userId],
    );
    return { lease: (await acquireLease(db.dataSource.manager, userId, jobId, 'spec', 60_000)) as Lease, jobId };
  }
  const load = (lease: Lease, jobId: string, recheckDays = 30) => KindAvailability.load(db.dataSource.manager, lease, jobId, recheckDays);
  const selection = new Set<DataKind>(['stress', 'body_battery', 'spo2', 'devices']);

  it('probes what is not known, asks what is produced, skips a source whose selected kinds are all absent', async () => {
    const { lease, jobId } = await leased();
    const first = await load(lease, jobId);
    expect(first.verdict(['stress', 'body_battery'], selection)).toBe('probe');
    expect(first.verdict(['hrv'], selection)).toBe('skip');
    expect(first.verdict(['devices'], selection)).toBe('ask');

    expect(await first.learn(['stress', 'body_battery'], selection, new Set(['stress']))).toBe(true);
    expect(await first.learn(['spo2'], selection, new Set())).toBe(false);
    const next = await load(lease, jobId);
    expect(next.verdict(['stress', 'body_battery'], selection)).toBe('ask');
    expect(next.verdict(['body_battery'], selection)).toBe('skip');
    expect(next.verdict(['spo2'], selection)).toBe('skip');
    // A kind not selected does not count either way.
    expect(next.verdict(['spo2', 'respiration'], new Set<DataKind>(['spo2', 'respiration']))).toBe('probe');
  });

  it('forgets an absent mark on a new device, or after the re-check interval, and never learns `devices`', async () => {
    const { lease, jobId } = await leased();
    const unit = await load(lease, jobId);
    await unit.learn(['spo2', 'devices'], selection, new Set());
    expect(unit.stateOf('devices')).toBe('produces');
    await unit.devicesSeen(['A']);
    expect((await load(lease, jobId)).stateOf('spo2')).toBe('absent');
    await unit.devicesSeen(['A']);
    expect((await load(lease, jobId)).stateOf('spo2')).toBe('absent');
    await unit.devicesSeen(['A', 'B']);
    expect(unit.stateOf('spo2')).toBe('unknown');
    expect((await load(lease, jobId)).stateOf('spo2')).toBe('unknown');

    await unit.learn(['spo2'], selection, new Set());
    await db.dataSource.query(`UPDATE kind_availability SET learned_at = now() - interval '8 days' WHERE user_id = $1`, [lease.userId]);
    expect((await load(lease, jobId, 10)).stateOf('spo2')).toBe('absent');
    expect((await load(lease, jobId, 7)).stateOf('spo2')).toBe('unknown');
  });

  it('writes nothing once the job lost its lease', async () => {
    const { lease, jobId } = await leased();
    const unit = await load(lease, jobId);
    await db.dataSource.query(`UPDATE sync_leases SET fence = fence + 1 WHERE user_id = $1`, [lease.userId]);
    await expect(unit.learn(['spo2'], selection, new Set())).rejects.toEqual(new JobStopped('lease_lost'));
    await expect(unit.devicesSeen(['A'])).rejects.toEqual(new JobStopped('lease_lost'));
    expect(await db.dataSource.query(`SELECT * FROM kind_availability WHERE user_id = $1`, [lease.userId])).toEqual([]);
  });

  it('reads the kinds an answer holds', () => {
    expect(kindsIn({ days: [{ metric: 'weight' }], records: [{ kind: 'body_composition' }] })).toEqual(new Set(['weight', 'body_composition']));
  });
});
