import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { createDataSource, GarminAuthenticationState, revertAllMigrations, runMigrations, SyncJob, User, UserSession } from '../src';

const MIGRATION_NAMES = [
  'InitialSchema1764000000000',
  'SignInState1764100000000',
  'SyncEngine1764200000000',
  'NightlyRuns1764300000000',
  'SignInCooldowns1764400000000',
  'SyncJobSessions1764500000000',
  'SyncJobWaiting1764600000000',
  'GarminRefreshClaims1764700000000',
  'Reconciler1764800000000',
  'RetentionIndexes1764900000000',
  'DataKinds1765000000000',
  'ActivityPartsAsked1765050000000',
  'SelectionArchive1765100000000',
  'DataChangeEvents1765200000000',
  'PersonalAccessTokens1765300000000',
  'ActivityReadIndex1765400000000',
  'DataExports1765500000000',
  'FleetTelemetry1765600000000',
];

const OUR_TABLES = [
  'activities',
  'activity_files',
  'activity_parts',
  'archive_reload_days',
  'archive_reloads',
  'authentication_tokens',
  'daily_health',
  'data_export_chunks',
  'data_exports',
  'garmin_authentication_states',
  'garmin_records',
  'kind_availability',
  'nightly_runs',
  'outbox',
  'pending_sign_ins',
  'personal_access_tokens',
  'rate_limit_counters',
  'rotated_refresh_tokens',
  'sign_in_cooldowns',
  'sign_ins_under_way',
  'sync_cursors',
  'sync_jobs',
  'sync_leases',
  'sync_selections',
  'upstream_budgets',
  'upstream_minutes',
  'user_sessions',
  'users',
  'worker_heartbeats',
  'workouts',
];

async function tables(db: TestDatabase): Promise<string[]> {
  const rows: { table_name: string }[] = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

async function functions(db: TestDatabase): Promise<string[]> {
  const rows: { proname: string }[] = await db.dataSource.query(
    `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
  );
  return rows.map((r) => r.proname);
}

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
  });

  afterAll(() => db.drop());

  it('apply to an empty database and match the entities exactly', async () => {
    expect(await tables(db)).toEqual([]);
    expect(await runMigrations(db.url)).toEqual(MIGRATION_NAMES);
    expect(await tables(db)).toEqual(OUR_TABLES);
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are idempotent: a second run applies nothing', async () => {
    expect(await runMigrations(db.url)).toEqual([]);
  });

  it('enforce the natural keys', async () => {
    const users = db.dataSource.getRepository(User);
    await users.insert({ garminProfileId: 2591602, displayName: 'first' });
    await expect(users.insert({ garminProfileId: 2591602, displayName: 'second' })).rejects.toThrow(/uq_users_garmin_profile_id/);
    const [stored] = await users.find();
    expect(stored.garminProfileId).toBe(2591602);
  });

  it('version the Garmin authentication state on every save', async () => {
    const user = await db.dataSource.getRepository(User).save({ garminProfileId: 77, displayName: 'versioned' });
    const states = db.dataSource.getRepository(GarminAuthenticationState);
    const state = await states.save(
      states.create({ userId: user.id, authDialect: 'mobile+oauth1', encryptedSession: 'v1.k.n.c', keyId: 'k' }),
    );
    expect(state.version).toBe(1);
    expect(state.healthStatus).toBe('active');
    state.healthStatus = 'needs_login';
    expect((await states.save(state)).version).toBe(2);
    await expect(states.save({ ...state, healthStatus: 'sleeping' as never })).rejects.toThrow(/ck_garmin_authentication_states_health_status/);
  });

  it("keep a job's API session, indexed, and the job itself when the session row goes", async () => {
    const user = await db.dataSource.getRepository(User).save({ garminProfileId: 78, displayName: 'with sessions' });
    const session = await db.dataSource
      .getRepository(UserSession)
      .save({ userId: user.id, refreshTokenHash: 'a'.repeat(64), expiresAt: new Date(Date.now() + 60_000), mfaEnabled: false, userAgent: null });
    const jobs = db.dataSource.getRepository(SyncJob);
    const job = await jobs.save({ userId: user.id, sessionId: session.id, syncType: 'all', kinds: ['activities'], byKind: {}, trigger: 'manual' } as Partial<SyncJob>);
    expect((await jobs.findOneByOrFail({ id: job.id })).sessionId).toBe(session.id);
    const [index] = await db.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_sync_jobs_session_id'`);
    expect(index.indexdef).toMatch(/ON public\.sync_jobs USING btree \(session_id\)/);

    await db.dataSource.getRepository(UserSession).delete({ id: session.id });
    const kept = await jobs.findOneByOrFail({ id: job.id });
    expect(kept.sessionId).toBeNull();
    await expect(jobs.update({ id: job.id }, { sessionId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/fk_sync_jobs_session/);
  });

  it('revert cleanly, leaving nothing of ours, and re-apply', async () => {
    expect(await revertAllMigrations(db.url)).toEqual([...MIGRATION_NAMES].reverse());
    expect(await tables(db)).toEqual([]);
    expect(await functions(db)).not.toContain('sync_jobs_guard_transition');
    expect(await runMigrations(db.url)).toEqual(MIGRATION_NAMES);
    expect(await tables(db)).toEqual(OUR_TABLES);
  });
});
