import { RpcSubject } from '@fittrack/contracts';
import { connect, NatsConnection } from 'nats';
import { newAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

const WINDOW_SECONDS = 7200;
/** hashtext() of this id's text is -2147483648, the int4 minimum (found by search; checked below). */
const INT4_MIN_HASH_USER = '7a1b2c3d-4e5f-4a6b-8c7d-0000c9647b11';

describe("the nightly run's spread over its window", () => {
  let stack: GatewayStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 1, env: { NIGHTLY_ENABLED: 'false', NIGHTLY_WINDOW_SECONDS: String(WINDOW_SECONDS) } });
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('places a user whose hashtext is the int4 minimum, where abs(int4) overflowed', async () => {
    const [{ hash }] = await query(`SELECT hashtext($1::uuid::text) AS hash`, [INT4_MIN_HASH_USER]);
    expect(hash).toBe(-2147483648);
    // What the spread used to compute: the whole chunk of users failed with it.
    await expect(query(`SELECT abs(hashtext($1::uuid::text)) % $2::int`, [INT4_MIN_HASH_USER, WINDOW_SECONDS])).rejects.toThrow(/integer out of range/);

    // A real linked user, and beside it one with that id and a copy of its Garmin link (no worker runs here).
    const account = await newAccount(stack.sim);
    const real = (await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() })).body.user.id;
    await query(`INSERT INTO users (id, garmin_profile_id, display_name) VALUES ($1, $2, 'int4 min')`, [INT4_MIN_HASH_USER, account.profileId + 500_000]);
    await query(
      `INSERT INTO garmin_authentication_states (user_id, auth_dialect, encrypted_session, key_id, access_expires_at, refresh_expires_at, version)
       SELECT $1, auth_dialect, encrypted_session, key_id, access_expires_at, refresh_expires_at, 1 FROM garmin_authentication_states WHERE user_id = $2`,
      [INT4_MIN_HASH_USER, real],
    );

    const reply = await nats.request(`${stack.prefix}.${RpcSubject.NightlyRun}`, Buffer.from(JSON.stringify({ date: '2030-03-01' })), { timeout: 20_000 });
    const run = JSON.parse(Buffer.from(reply.data).toString());
    expect(run).toMatchObject({ ok: true, data: { usersEnqueued: 2, error: null } });

    const jobs: { user_id: string; offset: number; session_id: string | null }[] = await query(
      `SELECT user_id, extract(epoch FROM not_before - $1::timestamptz)::float8 AS "offset", session_id FROM sync_jobs WHERE trigger = 'nightly' ORDER BY user_id = $2 DESC`,
      [run.data.startedAt, INT4_MIN_HASH_USER],
    );
    expect(jobs.map((job) => job.user_id)).toEqual([INT4_MIN_HASH_USER, real]);
    // |-2^31| mod the window, in bigint: inside the window like everyone else's place.
    const expected = Number(2n ** 31n % BigInt(WINDOW_SECONDS));
    expect(Math.abs(jobs[0].offset - expected)).toBeLessThan(2);
    for (const job of jobs) {
      expect(job.offset).toBeGreaterThan(-2);
      expect(job.offset).toBeLessThan(WINDOW_SECONDS + 2);
      // Nightly jobs belong to no API session.
      expect(job.session_id).toBeNull();
    }
  });
});
