import { EventSubject, RpcSubject } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection, Subscription } from 'nats';
import { NATS_URL } from './support/stack';
import { eventually, LinkedUser, linkedUser, startSyncStack, waitForJob } from './support/synced-users';

jest.setTimeout(240_000);

/**
 * DELETE /v1/me and garmin.rpc.user.delete against synced users: every table with a user_id column (found in
 * information_schema, so a table added later is covered without touching this test) holds no row of the
 * deleted user afterwards, the answer counts what went per table, the other user's rows stay, and a worker
 * still running the user's job re-creates nothing.
 */
describe('deleting a user and all their data', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  async function userTables(): Promise<string[]> {
    const rows: { table_name: string }[] = await query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.table_schema = current_schema() AND c.column_name = 'user_id' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  }

  /** The user's rows, table by table: every user_id table, the user row, rotated refresh tokens of their sessions, outbox rows about them. */
  async function rowsOf(userId: string, sessionIds: string[] = []): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of await userTables()) counts[table] = (await query(`SELECT count(*)::int AS n FROM "${table}" WHERE user_id = $1`, [userId]))[0].n;
    counts['users'] = (await query(`SELECT count(*)::int AS n FROM users WHERE id = $1`, [userId]))[0].n;
    counts['rotated_refresh_tokens'] = (await query(`SELECT count(*)::int AS n FROM rotated_refresh_tokens WHERE session_id = ANY($1::uuid[])`, [sessionIds]))[0].n;
    counts['outbox'] = (await query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'userId' = $1 AND subject <> $2`, [userId, EventSubject.UserDeleted]))[0].n;
    return counts;
  }
  const sessionsOf = async (userId: string): Promise<string[]> => (await query(`SELECT id FROM user_sessions WHERE user_id = $1`, [userId])).map((r: { id: string }) => r.id);
  const nonEmpty = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

  async function synced(user: LinkedUser): Promise<void> {
    const started = await stack.gateway.post('/v1/sync', {}, { token: user.token });
    expect(started.status).toBe(202);
    expect((await waitForJob(stack.gateway, user, started.body.id, 120_000)).status).toBe('completed');
  }

  function collect(subscription: Subscription): unknown[] {
    const seen: unknown[] = [];
    void (async () => {
      for await (const message of subscription) seen.push(JSON.parse(Buffer.from(message.data).toString()));
    })();
    return seen;
  }

  beforeAll(async () => {
    stack = await startSyncStack({ gateways: 1, workers: 1 });
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('removes every row of the user, table by table, says what it removed, leaves the other user alone, and a second DELETE is a 404', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 14 });
    const other = await linkedUser(stack.sim, stack.gateway, { historyDays: 14 });
    // Rows in as many of the user's tables as a user makes: a selection, a personal token, a second session with a rotated refresh token.
    expect((await stack.gateway.request('PUT', '/v1/sync/selection', { token: user.token, body: { kinds: ['activities', 'sleep', 'steps', 'workouts'] } })).status).toBe(200);
    const pat = (await stack.gateway.post('/v1/auth/tokens', { name: 'script' }, { token: user.token })).body;
    const second = await stack.gateway.post('/v1/auth/login', { email: user.email, password: user.password }, { ip: '203.0.113.251' });
    expect((await stack.gateway.post('/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(200);
    await stack.gateway.post('/v1/auth/tokens', { name: 'other script' }, { token: other.token });
    await synced(user);
    await synced(other);

    const sessions = await sessionsOf(user.userId);
    const before = await rowsOf(user.userId, sessions);
    const otherBefore = await rowsOf(other.userId, await sessionsOf(other.userId));
    for (const table of ['activities', 'daily_health', 'sync_jobs', 'sync_cursors', 'sync_selections', 'personal_access_tokens', 'user_sessions', 'authentication_tokens', 'garmin_authentication_states', 'rotated_refresh_tokens', 'users']) {
      expect({ table, some: before[table] > 0 }).toEqual({ table, some: true });
    }
    const events = collect(nats.subscribe(`${stack.prefix}.${EventSubject.UserDeleted}`));

    const deleted = await stack.gateway.delete('/v1/me', { token: user.token });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ userId: user.userId, deletedAt: expect.any(String) });
    // The answer counts every table that had rows of the user, exactly (no cascade did it silently).
    expect(nonEmpty(deleted.body.removed)).toEqual(nonEmpty(before));
    for (const table of await userTables()) expect(Object.keys(deleted.body.removed)).toContain(table);

    const after = await rowsOf(user.userId, sessions);
    expect(nonEmpty(after)).toEqual({});
    expect(await rowsOf(other.userId, await sessionsOf(other.userId))).toEqual(otherBefore);

    await eventually(async () => events.length > 0, 10_000, 'garmin.events.user.deleted');
    expect(events).toEqual([{ userId: user.userId, deletedAt: deleted.body.deletedAt, removed: deleted.body.removed }]);

    const again = await stack.gateway.delete('/v1/me', { token: user.token });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', message: expect.stringContaining('no account behind this token') });
    expect((await stack.gateway.get('/v1/sync/jobs', { token: pat.token })).status).toBe(401);
    expect((await stack.gateway.get('/v1/auth/me', { token: other.token })).status).toBe(200);
    // Signing in with Garmin again makes a new, empty account.
    const back = await linkedUserAgain(user);
    expect(back).not.toBe(user.userId);
    console.log(`proved: DELETE /v1/me removed ${JSON.stringify(nonEmpty(deleted.body.removed))}; no row of the user is left in ${(await userTables()).length} user_id tables; the other user is untouched; the event was published; a second DELETE is 404`);
  });

  it('stops a job the worker is running: its writes are refused and nothing of the user comes back', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 60 });
    await stack.sim.admin('/faults', { latency: { fixedMs: 40 } }, 'PUT');
    try {
      const started = await stack.gateway.post('/v1/sync', {}, { token: user.token });
      expect(started.status).toBe(202);
      await eventually(
        async () => (await query(`SELECT count(*)::int AS n FROM activities WHERE user_id = $1`, [user.userId]))[0].n > 0,
        60_000,
        'the job to store some activities',
      );
      const running = await stack.gateway.get(`/v1/sync/jobs/${started.body.id}`, { token: user.token });
      expect(running.body.status).toBe('running');

      const deleted = await stack.gateway.delete('/v1/me', { token: user.token });
      expect(deleted.status).toBe(200);
      expect(deleted.body.removed).toMatchObject({ sync_jobs: 1, sync_leases: 1, users: 1 });
      expect(deleted.body.removed.activities).toBeGreaterThan(0);

      // The worker goes on until it notices (its next fenced write, progress flush or lease renewal, each well
      // under a second apart at this latency: it then stops as cancelled or lease_lost, and its redelivered
      // command finds no job); whatever it tries after the deletion must land nowhere.
      for (const until = Date.now() + 8000; Date.now() < until; ) {
        expect(nonEmpty(await rowsOf(user.userId))).toEqual({});
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const said = () => stack.workers[0].process.logs.split('\n').filter((line) => line.includes(started.body.id));
      console.log(`the worker on job ${started.body.id} after the deletion:\n${said().slice(-4).join('\n')}`);
    } finally {
      await stack.sim.admin('/faults', {}, 'PUT');
    }
    // The worker is still fine: another user's sync completes.
    await synced(await linkedUser(stack.sim, stack.gateway, { historyDays: 7 }));
    console.log('proved: deleting a user mid-sync leaves no row of theirs once the worker has stopped, and the worker goes on with other users');
  });

  it('lets an operator delete a user over garmin.rpc.user.delete, with the same answer and errors', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 7 });
    await synced(user);
    const ask = async (payload: unknown) =>
      JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${RpcSubject.UserDelete}`, Buffer.from(JSON.stringify(payload)), { timeout: 20_000 })).data).toString());
    const before = await rowsOf(user.userId, await sessionsOf(user.userId));
    const answer = await ask({ userId: user.userId });
    expect(answer).toMatchObject({ ok: true, data: { userId: user.userId } });
    expect(nonEmpty(answer.data.removed)).toEqual(nonEmpty(before));
    expect(nonEmpty(await rowsOf(user.userId))).toEqual({});
    expect(await ask({ userId: user.userId })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `no user ${user.userId} (already deleted, or never existed)`, reason: 'ACCOUNT_USER_NOT_FOUND' } });
    expect((await ask({ userId: 'nope' })).error.code).toBe('BAD_REQUEST');
    expect((await stack.gateway.get('/v1/auth/me', { token: user.token })).status).toBe(401);
    console.log('proved: the operator RPC deletes like DELETE /v1/me, answers NOT_FOUND the second time and BAD_REQUEST for a bad id');
  });

  /** Signs the deleted user's Garmin account in again: the gateway makes a fresh user. */
  async function linkedUserAgain(user: LinkedUser): Promise<string> {
    const answer = await stack.gateway.post('/v1/auth/login', { email: user.email, password: user.password }, { ip: '203.0.113.252' });
    expect(answer.status).toBe(200);
    return answer.body.user.id;
  }
});
