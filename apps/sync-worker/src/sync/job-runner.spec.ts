import { MetricsService } from '@fittrack/app-core';
import { ConnectApi, ConnectApiOptions, GarminError, GarminSession } from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import { acquireLease, createDataSource, createSyncJob, GarminLinkStore, parseKeyring, runMigrations, SecretCipher, User } from '@fittrack/persistence';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { randomBytes } from 'node:crypto';
import { WorkerConfig } from '../config/worker.config';
import { UpstreamTally } from '../fleet/upstream-tally';
import { WorkerInstance } from '../fleet/worker-instance';
import { GarminApiFactory } from './garmin-api.provider';
import { JobLeases } from './job-lease';
import { JobOutcomes } from './job-outcome';
import { Delivery, JobRunner } from './job-runner';
import { ActivitiesSyncer } from './kinds/activities.syncer';
import { addDays } from './kinds/calendar';
import { HealthSyncer } from './kinds/health/health.syncer';
import { planningMonths } from './kinds/planning/calendar-months';
import { ProfileSyncer } from './kinds/profile/profile.syncer';
import { WorkoutsSyncer } from './kinds/workouts.syncer';
import { SessionKeeper } from './session-keeper';
import { SessionRefresher } from './session/garmin-authenticator.provider';
import { LinkHealth } from './session/link-health';
import { SyncMetrics } from './sync.metrics';
import { UpstreamBudget } from './upstream-budget';

jest.setTimeout(60_000);

/**
 * JobRunner with its one seam, Garmin, mocked (the Connect client factory and the session refresher);
 * PostgreSQL is real, since the runner's word is kept there: the job's state, its fenced rows, the lease.
 */
const cipher = new SecretCipher(parseKeyring(`spec:${randomBytes(32).toString('base64')}`));
const links = new GarminLinkStore(cipher);
const nowS = () => Math.floor(Date.now() / 1000);
const POLICY = { maxOpenJobs: 100, deadJob: { staleAfterSeconds: 86_400, parkedGraceSeconds: 86_400, commandsGoneBefore: null } };
const delivery: Delivery = { working: () => undefined, stopping: () => false };

/** Garmin as a job of workouts sees it: a list of two, and their details; nothing planned on the calendar. */
function fakeGarmin(overrides: Partial<Record<'workouts' | 'workout' | 'dailySummary', jest.Mock>> = {}) {
  const api = {
    dailySummary: jest.fn(async () => null),
    getJson: jest.fn(async () => null),
    workouts: jest.fn(async (start: number) => (start === 0 ? [{ workoutId: 1, workoutName: 'easy' }, { workoutId: 2, workoutName: 'hard' }] : [])),
    workout: jest.fn(async (id: number) => ({ workoutId: id, steps: [] })),
    ...overrides,
  };
  const factory: GarminApiFactory = jest.fn((_options: ConnectApiOptions) => api as unknown as ConnectApi);
  return { api, factory };
}

describe('JobRunner', () => {
  let db: TestDatabase;
  const config = Object.assign(new WorkerConfig(), {
    GARMIN_ACCOUNT_RATE_PER_SECOND: 0,
    GARMIN_GLOBAL_RATE_PER_SECOND: 0,
    GARMIN_THROTTLE_BACKOFF_SECONDS: 300,
    SYNC_PROGRESS_INTERVAL_MS: 50,
  });
  const events = { publish: jest.fn() } as unknown as EventPublisher;
  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  function runner(factory: GarminApiFactory, refresher: SessionRefresher = { refresh: jest.fn() }): JobRunner {
    const metrics = new SyncMetrics(new MetricsService());
    const dataSource = db.dataSource;
    const tally = new UpstreamTally();
    return new JobRunner(
      dataSource,
      new JobLeases(dataSource, config, new WorkerInstance()),
      new JobOutcomes(dataSource, events, new LinkHealth(dataSource, links, config, tally), metrics, config),
      new SessionKeeper(dataSource, links, events, metrics, config, refresher),
      metrics,
      config,
      factory,
      new UpstreamBudget(dataSource, config),
      tally,
      new ActivitiesSyncer(config),
      new HealthSyncer(config),
      new WorkoutsSyncer(config),
      new ProfileSyncer(),
    );
  }

  /** A linked user (a DI session good for an hour) with one pending workouts job. */
  async function userWithJob(): Promise<{ userId: string; jobId: string }> {
    const user = await db.dataSource.getRepository(User).save({ garminProfileId: Math.floor(Math.random() * 1e9), displayName: 'spec' });
    const session: GarminSession = {
      version: 1,
      dialect: 'mobile+di',
      domain: 'garmin.com',
      diClientId: 'GARMIN_CONNECT_MOBILE_IOS_DI',
      oauth2: { access_token: 'access-1', refresh_token: 'refresh-1', expires_at: nowS() + 3600, refresh_token_expires_at: nowS() + 86_400 },
    } as GarminSession;
    await links.save(db.dataSource.manager, user.id, { dialect: session.dialect, session, accessExpiresAt: new Date(Date.now() + 3_600_000), refreshExpiresAt: new Date(Date.now() + 86_400_000) });
    const { job } = await db.dataSource.transaction((tx) => createSyncJob(tx, { userId: user.id, kinds: ['workouts'], trigger: 'manual' }, POLICY));
    return { userId: user.id, jobId: job.id };
  }

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
  });

  afterAll(() => db?.drop());

  it('runs a job to completion: rows stored, cursor moved, lease given up', async () => {
    const { userId, jobId } = await userWithJob();
    const { api, factory } = fakeGarmin();
    expect(await runner(factory).run({ jobId, userId }, delivery)).toEqual({ ack: true });
    // The list, two details, a calendar month for each month of the backfill and the next one, the training plans.
    const today = new Date().toISOString().slice(0, 10);
    const requests = 3 + planningMonths({ from: addDays(today, -(config.SYNC_BACKFILL_DAYS - 1)), to: today }, today).length + 1;
    expect((await query(`SELECT status, progress, processed_items, total_items, attempt_count FROM sync_jobs WHERE id = $1`, [jobId]))[0]).toEqual({
      status: 'completed',
      progress: 100,
      processed_items: requests,
      total_items: requests,
      attempt_count: 1,
    });
    expect(await query(`SELECT workout_id::int AS id FROM workouts WHERE user_id = $1 AND detail IS NOT NULL ORDER BY 1`, [userId])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await query(`SELECT kind FROM sync_cursors WHERE user_id = $1`, [userId])).toEqual([{ kind: 'workouts' }]);
    expect(await query(`SELECT * FROM sync_leases WHERE user_id = $1`, [userId])).toEqual([]);
    expect(api.workout).toHaveBeenCalledTimes(2);
  });

  it('refreshes a token Garmin rejects once, and goes on', async () => {
    const { userId, jobId } = await userWithJob();
    let rejected = false;
    const { factory } = fakeGarmin({
      workouts: jest.fn(async () => {
        if (!rejected) {
          rejected = true;
          throw GarminError.sessionRejected('token rejected');
        }
        return [];
      }),
    });
    const fresh = { version: 1, dialect: 'mobile+di', domain: 'garmin.com', diClientId: 'GARMIN_CONNECT_MOBILE_IOS_DI', oauth2: { access_token: 'access-2', refresh_token: 'refresh-2', expires_at: nowS() + 3600, refresh_token_expires_at: nowS() + 86_400 } };
    const refresher = { refresh: jest.fn(async () => fresh as unknown as GarminSession) };
    expect(await runner(factory, refresher).run({ jobId, userId }, delivery)).toEqual({ ack: true });
    expect(refresher.refresh).toHaveBeenCalledTimes(1);
    expect((await query(`SELECT status FROM sync_jobs WHERE id = $1`, [jobId]))[0].status).toBe('completed');
  });

  it('hands a throttled job back for minutes, keeps it running, and counts the strike on the link', async () => {
    const { userId, jobId } = await userWithJob();
    const { factory } = fakeGarmin({ workouts: jest.fn(async () => Promise.reject(GarminError.rateLimited())) });
    const verdict = await runner(factory).run({ jobId, userId }, delivery);
    expect(verdict).toEqual({ retryInMs: 300_000 });
    expect((await query(`SELECT status, error_code FROM sync_jobs WHERE id = $1`, [jobId]))[0]).toEqual({ status: 'running', error_code: null });
    expect((await query(`SELECT throttle_strikes FROM garmin_authentication_states WHERE user_id = $1`, [userId]))[0].throttle_strikes).toBe(1);
  });

  it('parks a job whose user’s lease another job holds, asking Garmin nothing', async () => {
    const { userId, jobId } = await userWithJob();
    const other = await db.dataSource.transaction((tx) => createSyncJob(tx, { userId, kinds: ['workouts'], trigger: 'manual', from: '2026-01-01', to: '2026-01-02' }, POLICY));
    await acquireLease(db.dataSource.manager, userId, other.job.id, 'another-worker', 60_000);
    const { factory } = fakeGarmin();
    expect(await runner(factory).run({ jobId, userId }, delivery)).toEqual({ ack: true });
    expect((await query(`SELECT status, waiting_since IS NOT NULL AS parked FROM sync_jobs WHERE id = $1`, [jobId]))[0]).toEqual({ status: 'pending', parked: true });
    expect(factory).not.toHaveBeenCalled();
  });
});
