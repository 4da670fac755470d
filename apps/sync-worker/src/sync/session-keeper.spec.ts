import { MetricsService } from '@fittrack/app-core';
import { apiCredential, GarminError, GarminSession } from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import { createDataSource, GarminLinkStore, parseKeyring, runMigrations, SecretCipher, User } from '@fittrack/persistence';
import { createTestDatabase, TcpProxy, TestDatabase } from '@fittrack/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { SessionKeeper } from './session-keeper';
import { SessionRefresher } from './session/garmin-authenticator.provider';
import { HealthReason } from './session/health-reasons';
import { NeedsLogin } from './sync.errors';
import { SyncMetrics } from './sync.metrics';

jest.setTimeout(60_000);

/**
 * SessionKeeper with its one seam, Garmin (the refresher), mocked: PostgreSQL is real, since what is
 * tested is how workers agree through it. Each "worker" is a keeper of its own (its own claim holder).
 */
const cipher = new SecretCipher(parseKeyring(`spec:${randomBytes(32).toString('base64')}`));
const links = new GarminLinkStore(cipher);
const nowS = () => Math.floor(Date.now() / 1000);

const session = (token: string, expiresInS: number): GarminSession => ({
  version: 1,
  dialect: 'mobile+di',
  domain: 'garmin.com',
  diClientId: 'GARMIN_CONNECT_MOBILE_IOS_DI',
  oauth2: { access_token: `access-${token}`, refresh_token: `refresh-${token}`, expires_at: nowS() + expiresInS, refresh_token_expires_at: nowS() + 86_400 },
});

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

const until = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('SessionKeeper', () => {
  let db: TestDatabase;
  const published: unknown[] = [];
  const events = { publish: (_subject: string, payload: unknown) => void published.push(payload) } as unknown as EventPublisher;
  const config = Object.assign(new WorkerConfig(), { GARMIN_REFRESH_SKEW_SECONDS: 60, GARMIN_REFRESH_CLAIM_SECONDS: 30 });
  const keeper = (dataSource: DataSource, refresher: SessionRefresher, settings: Partial<WorkerConfig> = {}) =>
    new SessionKeeper(dataSource, links, events, new SyncMetrics(new MetricsService()), Object.assign(new WorkerConfig(), config, settings), refresher);
  const row = async (userId: string) =>
    (await db.dataSource.query(`SELECT version, health_status, health_reason, refresh_claimed_by FROM garmin_authentication_states WHERE user_id = $1`, [userId]))[0];
  const storedSession = async (userId: string) => links.open<GarminSession>((await links.find(db.dataSource.manager, userId))!);

  /** A user whose stored access token has expired (so the next use refreshes), and its refresh credential not. */
  const linkedUser = async (expiresInS = -10) => {
    const user = await db.dataSource.getRepository(User).save({ garminProfileId: Math.floor(Math.random() * 1e9), displayName: 'spec' });
    const old = session('old', expiresInS);
    await links.save(db.dataSource.manager, user.id, { dialect: old.dialect, session: old, accessExpiresAt: new Date(old.oauth2.expires_at * 1000), refreshExpiresAt: new Date(Date.now() + 86_400_000) });
    return user.id;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
  });

  afterAll(() => db?.drop());

  it('refreshes once for two workers with two lanes each; the waiters take the claimant’s token', async () => {
    const userId = await linkedUser();
    const answer = deferred<GarminSession>();
    const garmin = { refresh: jest.fn(() => answer.promise) };
    const idle = { refresh: jest.fn() };
    const [a, b] = [keeper(db.dataSource, garmin), keeper(db.dataSource, idle)];
    const [a1, a2, b1, b2] = await Promise.all([a.open(userId), a.open(userId), b.open(userId), b.open(userId)]);
    const first = [a1.accessToken(), a2.accessToken()];
    await until(() => garmin.refresh.mock.calls.length > 0, 'the claimant to call Garmin');
    expect((await row(userId)).refresh_claimed_by).toBe(a.holder);
    const waiting = [b1.accessToken(), b2.accessToken()];
    answer.resolve(session('new', 3600));
    const credentials = await Promise.all([...first, ...waiting]);
    expect(credentials).toEqual(Array(4).fill(apiCredential(session('new', 3600))));
    expect(garmin.refresh).toHaveBeenCalledTimes(1);
    expect(idle.refresh).not.toHaveBeenCalled();
    expect(await row(userId)).toMatchObject({ version: 2, health_status: 'active', refresh_claimed_by: null });
    expect((await storedSession(userId)).oauth2.refresh_token).toBe('refresh-new');
    console.log('one Garmin refresh for four lanes on two workers; every lane got the new token, stored at version 2');
  });

  it('takes over a claim whose holder died once it lapses, and refreshes itself', async () => {
    const userId = await linkedUser();
    expect(await links.claimRefresh(db.dataSource.manager, userId, 1, 'worker-that-died', 1)).toBe(true);
    let claimant: string | null = null;
    const garmin = {
      refresh: jest.fn(async () => {
        claimant = (await row(userId)).refresh_claimed_by;
        return session('after-lapse', 3600);
      }),
    };
    const survivor = keeper(db.dataSource, garmin);
    expect(await (await survivor.open(userId)).accessToken()).toEqual(apiCredential(session('after-lapse', 3600)));
    expect(claimant).toBe(survivor.holder);
    expect(garmin.refresh).toHaveBeenCalledTimes(1);
    expect(await row(userId)).toMatchObject({ version: 2, refresh_claimed_by: null });
    console.log('a dead holder’s claim lapsed and was taken; one refresh, stored');
  });

  it('keeps a refreshed session whose write-back fails, goes on using it, and retries until it is stored', async () => {
    const userId = await linkedUser();
    const target = new URL(db.url);
    const proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const cut = createDataSource({ url: viaProxy.toString(), poolSize: 2 });
    await cut.initialize();
    let worker: SessionKeeper | undefined;
    try {
      // PostgreSQL goes away exactly after Garmin answered, before the write.
      const garmin = { refresh: jest.fn(async () => (await proxy.cut(), session('rotated', 3600))) };
      const w = keeper(cut, garmin);
      worker = w;
      const lane = await w.open(userId);
      expect(await lane.accessToken()).toEqual(apiCredential(session('rotated', 3600)));
      expect(w.unsavedUsers).toEqual([userId]);
      expect(await row(userId)).toMatchObject({ version: 1, refresh_claimed_by: w.holder });
      // Another lane of the worker (and a new job) use the unsaved session; nothing is refreshed again.
      expect(await (await w.open(userId)).accessToken()).toEqual(apiCredential(session('rotated', 3600)));
      expect(garmin.refresh).toHaveBeenCalledTimes(1);

      await proxy.restore();
      await until(() => w.unsavedUsers.length === 0, 'the write-back to land');
      expect(await row(userId)).toMatchObject({ version: 2, health_status: 'active', refresh_claimed_by: null });
      expect((await storedSession(userId)).oauth2.refresh_token).toBe('refresh-rotated');
      console.log('write-back failed with PostgreSQL away; the session stayed in use from memory and was stored once it came back');
    } finally {
      await worker?.onApplicationShutdown();
      await cut.destroy().catch(() => undefined);
      await proxy.cut();
    }
  });

  it('checks the write-back: when the stored session moved on meanwhile (a new sign-in), it drops its own and takes that one', async () => {
    const userId = await linkedUser();
    const signIn = session('sign-in', 3600);
    const garmin = {
      refresh: jest.fn(async () => {
        await links.save(db.dataSource.manager, userId, { dialect: signIn.dialect, session: signIn, accessExpiresAt: null, refreshExpiresAt: null });
        return session('lost-race', 3600);
      }),
    };
    const lane = await keeper(db.dataSource, garmin).open(userId);
    expect(await lane.accessToken()).toEqual(apiCredential(signIn));
    expect((await storedSession(userId)).oauth2.refresh_token).toBe('refresh-sign-in');
    expect(await row(userId)).toMatchObject({ version: 2, refresh_claimed_by: null });
    console.log('a write-back that found the version moved stored nothing; the stored session was taken');
  });

  it.each([
    ['before', 'revoked', 86_400_000, HealthReason.Revoked],
    ['after', 'needs_login', -60_000, HealthReason.NeedsLogin],
  ])('a refresh credential Garmin refuses %s its known expiry is %s, told in our words', async (when, health, expiryOffsetMs, reason) => {
    const userId = await linkedUser();
    await db.dataSource.query(`UPDATE garmin_authentication_states SET refresh_expires_at = $2 WHERE user_id = $1`, [userId, new Date(Date.now() + expiryOffsetMs)]);
    const garmin = { refresh: jest.fn(async () => Promise.reject(GarminError.sessionRejected('the DI refresh answered 400 at http://127.0.0.1:9/x'))) };
    const lane = await keeper(db.dataSource, garmin).open(userId);
    await expect(lane.accessToken()).rejects.toBeInstanceOf(NeedsLogin);
    expect(await row(userId)).toMatchObject({ health_status: health, health_reason: reason, refresh_claimed_by: null });
    expect(published).toContainEqual(expect.objectContaining({ userId, reason }));
    console.log(`refused ${when} its expiry: ${health}, the needs_login event, no host in the reason`);
  });
});
