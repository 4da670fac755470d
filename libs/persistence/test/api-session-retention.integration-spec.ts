import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { ApiSessionRetention, ApiSessionRetentionPolicy, createDataSource, runMigrations } from '../src';

const DAY = 86_400;
/** 30-day refresh tokens, sessions kept 30 days after they end, rotated hashes 7 days past their token's life. */
const POLICY: ApiSessionRetentionPolicy = { sessionsDays: 30, rotatedTokensDays: 7, refreshTokenTtlSeconds: 30 * DAY, batchSize: 2 };

let seq = 0;
const hash = () => (++seq).toString(16).padStart(64, '0');
const ago = (days: number) => `now() - make_interval(secs => ${days * DAY})`;

describe('API session retention in PostgreSQL', () => {
  let db: TestDatabase;
  let retention: ApiSessionRetention;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
    retention = new ApiSessionRetention(db.dataSource);
    [{ id: userId }] = await db.dataSource.query(`INSERT INTO users (garmin_profile_id, display_name) VALUES (4242, 'kept') RETURNING id`);
  });

  afterAll(() => db.drop());

  /** A session in a given state, by the database's clock: expires_at and revoked_at as SQL expressions. */
  const session = async (name: string, expiresAt: string, revokedAt = 'NULL') => {
    const [{ id }] = await db.dataSource.query(
      `INSERT INTO user_sessions (user_id, refresh_token_hash, expires_at, revoked_at, user_agent, created_at)
       VALUES ($1, $2, ${expiresAt}, ${revokedAt}, $3, ${ago(400)}) RETURNING id`,
      [userId, hash(), name],
    );
    return id as string;
  };
  const accessToken = async (sessionId: string, expiresAt: string) => {
    const [{ id }] = await db.dataSource.query(
      `INSERT INTO authentication_tokens (user_id, session_id, access_token_hash, expires_at, scope) VALUES ($1, $2, $3, ${expiresAt}, 'profile sync') RETURNING id`,
      [userId, sessionId, hash()],
    );
    return id as string;
  };
  const rotated = async (sessionId: string, rotatedAt: string) => {
    const tokenHash = hash();
    await db.dataSource.query(`INSERT INTO rotated_refresh_tokens (token_hash, session_id, rotated_at) VALUES ($1, $2, ${rotatedAt})`, [tokenHash, sessionId]);
    return tokenHash;
  };
  const ids = async (sql: string) => ((await db.dataSource.query(sql)) as { id: string }[]).map((row) => row.id).sort();

  it('deletes exactly the ended sessions, stale access tokens and rotated hashes past their protection, in batches', async () => {
    const live = await session('live', `now() + interval '20 days'`);
    const liveRevokedNever = await session('live-for-a-year-more', `now() + interval '365 days'`);
    const revokedRecently = await session('revoked 29 days ago', `now() + interval '1 day'`, ago(29));
    const revokedLongAgo = await session('revoked 31 days ago, unexpired', `now() + interval '1 day'`, ago(31));
    await session('revoked 90 days ago', ago(60), ago(90));
    const expiredRecently = await session('expired 29 days ago', ago(29));
    const expiredLongAgo = await session('expired 31 days ago', ago(31));
    await session('expired 200 days ago', ago(200));

    const liveToken = await accessToken(live, `now() + interval '10 minutes'`);
    const expiredYesterday = await accessToken(live, ago(1));
    await accessToken(live, ago(31)); // useless for 31 days: goes
    await accessToken(expiredLongAgo, ago(31)); // goes with its session
    const keptWithItsSession = await accessToken(expiredRecently, ago(29));

    // Rotated 30 + 7 days ago is the line: the token rotated 36 days ago could have been valid until 6 days ago.
    const protecting = await rotated(live, ago(36));
    const justRotated = await rotated(live, ago(0));
    // Past their protection: these go, though their sessions live.
    await rotated(live, ago(38));
    await rotated(live, ago(100));
    await rotated(liveRevokedNever, ago(40));
    await rotated(expiredLongAgo, ago(1)); // goes with its session, whatever its own age
    const ofRecentlyRevoked = await rotated(revokedRecently, ago(20));

    // A job started from a session that gets swept keeps its place in the user's history.
    const [{ id: job }] = await db.dataSource.query(
      `INSERT INTO sync_jobs (user_id, sync_type, trigger, session_id, kinds, by_kind) VALUES ($1, 'all', 'manual', $2, '{activities}', '{}') RETURNING id`,
      [userId, revokedLongAgo],
    );

    const swept = await retention.sweep(POLICY);

    // 4 sessions with batches of 2: the loop went past the first full batch.
    expect(swept).toEqual({ sessions: 4, accessTokens: 1, rotatedTokens: 3 });
    expect(await ids(`SELECT id FROM user_sessions`)).toEqual([live, liveRevokedNever, revokedRecently, expiredRecently].sort());
    expect(await ids(`SELECT id FROM authentication_tokens`)).toEqual([liveToken, expiredYesterday, keptWithItsSession].sort());
    expect(await ids(`SELECT token_hash AS id FROM rotated_refresh_tokens`)).toEqual([protecting, justRotated, ofRecentlyRevoked].sort());
    expect(await db.dataSource.query(`SELECT user_id, session_id FROM sync_jobs WHERE id = $1`, [job])).toEqual([{ user_id: userId, session_id: null }]);
    console.log('proved: a sweep deletes sessions ended > 30 days, tokens expired > 30 days, rotated hashes > 30+7 days, and nothing live or protecting');

    expect(await retention.sweep(POLICY)).toEqual({ sessions: 0, accessTokens: 0, rotatedTokens: 0 });
  });

  it('skips its turn while another process holds the sweep lock, and sweeps once it is free', async () => {
    const ended = await session('ended long ago', ago(45));
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('fittrack:api-session-retention'))`);
      expect(await retention.sweep(POLICY)).toBeNull();
      expect(await ids(`SELECT id FROM user_sessions WHERE id = '${ended}'`)).toEqual([ended]);
      await holder.query(`SELECT pg_advisory_unlock(hashtext('fittrack:api-session-retention'))`);
    } finally {
      await holder.release();
    }
    expect(await retention.sweep(POLICY)).toMatchObject({ sessions: 1 });
    expect(await ids(`SELECT id FROM user_sessions WHERE id = '${ended}'`)).toEqual([]);
    console.log('proved: a second sweeper skips while the lock is held, so two replicas never sweep at once');
  });
});
