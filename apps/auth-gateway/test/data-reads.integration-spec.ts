import { ACTIVITY_LIST_FIELDS, HEALTH_METRICS, RECORD_KINDS, RpcSubject } from '@fittrack/contracts';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { connect, NatsConnection } from 'nats';
import { GatewayStack } from './support/stack';
import { linkedUser, SyncedUser, syncedUser, waitForJob } from './support/synced-users';

jest.setTimeout(180_000);

/**
 * The read API against a user synced for real (gateway, worker, simulator, PostgreSQL, NATS): every route
 * checked against the stored rows, pages, cursors, limits, HTTP caching and the same reads over NATS.
 */
describe('reads over HTTP and NATS', () => {
  let stack: GatewayStack;
  let nats: NatsConnection;
  let alice: SyncedUser;
  let bob: SyncedUser;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const get = (path: string, user: SyncedUser = alice, headers: Record<string, string> = {}) => stack.gateway.get(path, { token: user.token, headers });
  const rpc = async (subject: RpcSubject, payload: unknown) =>
    JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, Buffer.from(JSON.stringify(payload)), { timeout: 10_000 })).data).toString());

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 1, workers: 1, env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0' } });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
    [alice, bob] = await Promise.all([syncedUser(stack), syncedUser(stack, ['activities'])]);
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  async function storedActivityIds(user: SyncedUser): Promise<number[]> {
    const rows = await query(`SELECT activity_id::text AS id FROM activities WHERE user_id = $1 ORDER BY start_time_utc DESC NULLS LAST, activity_id DESC`, [user.userId]);
    return rows.map((row: { id: string }) => Number(row.id));
  }

  async function walk(path: string, user = alice): Promise<{ items: any[]; pages: number }> {
    const items: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const answer = await get(`${path}${cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : ''}`, user);
      expect(answer.status).toBe(200);
      items.push(...answer.body.items);
      cursor = answer.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    return { items, pages };
  }

  it('lists the caller’s activities newest first across pages, with no gap and no duplicate, as stored', async () => {
    const stored = await storedActivityIds(alice);
    expect(stored.length).toBeGreaterThan(5);
    const { items, pages } = await walk('/v1/activities?limit=3');
    expect(pages).toBe(Math.ceil(stored.length / 3));
    expect(items.map((item) => item.id)).toEqual(stored);

    const [row] = await query(
      `SELECT name, activity_type, start_time_utc, start_date_local::text AS d, duration_s, distance_m, calories, average_hr FROM activities WHERE user_id = $1 AND activity_id = $2`,
      [alice.userId, stored[0]],
    );
    expect(items[0]).toEqual({
      id: stored[0],
      name: row.name,
      type: row.activity_type,
      startTime: row.start_time_utc.toISOString(),
      startDateLocal: row.d,
      durationS: row.duration_s,
      distanceM: row.distance_m,
      calories: row.calories,
      averageHr: row.average_hr,
    });
    // Bob's list is his own.
    expect((await walk('/v1/activities?limit=100', bob)).items.map((item) => item.id)).toEqual(await storedActivityIds(bob));
  });

  it('filters by type and days, selects fields, and refuses unknown fields and limits past the maximum', async () => {
    const [{ activity_type: type }] = await query(`SELECT activity_type FROM activities WHERE user_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [alice.userId]);
    const [{ min, max }] = await query(`SELECT min(start_date_local)::text AS min, max(start_date_local)::text AS max FROM activities WHERE user_id = $1`, [alice.userId]);
    const expected = await query(
      `SELECT activity_id::text AS id, summary FROM activities WHERE user_id = $1 AND activity_type = $2 AND start_date_local BETWEEN $3 AND $4
       ORDER BY start_time_utc DESC NULLS LAST, activity_id DESC`,
      [alice.userId, type, min, max],
    );
    const { items } = await walk(`/v1/activities?type=${type}&from=${min}&to=${max}&limit=2&fields=name,summary`);
    expect(items).toEqual(expected.map((row: { id: string; summary: unknown }) => ({ id: Number(row.id), name: expect.anything(), summary: row.summary })));
    expect(items.every((item) => Object.keys(item).join() === 'id,name,summary')).toBe(true);

    const unknown = await get('/v1/activities?fields=name,password');
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.message)).toContain(ACTIVITY_LIST_FIELDS.join(', '));
    const tooMany = await get('/v1/activities?limit=101');
    expect([tooMany.status, String(tooMany.body.message)]).toEqual([400, 'limit must be at most 100']);
    expect((await get('/v1/activities?limit=0')).status).toBe(400);
    expect((await get('/v1/activities?from=2026-05-02&to=2026-05-01')).status).toBe(400);
    expect((await get('/v1/activities?secret=1')).status).toBe(400);
    expect((await stack.gateway.get('/v1/activities')).status).toBe(401);
  });

  it('refuses a tampered, forged, another user’s or another filter’s cursor with a 400', async () => {
    const first = await get('/v1/activities?limit=2');
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const [body, signature] = cursor.split('.');
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString());
    const shifted = Buffer.from(JSON.stringify({ ...decoded, p: [decoded.p[0], decoded.p[1] + 1] })).toString('base64url');
    for (const bad of [`${shifted}.${signature}`, `${body}.${signature.slice(0, -3)}abc`, 'garbage', `${body}.`]) {
      const answer = await get(`/v1/activities?limit=2&cursor=${encodeURIComponent(bad)}`);
      expect([answer.status, answer.body.code]).toEqual([400, 'DATA_BAD_CURSOR']);
    }
    const asBob = await get(`/v1/activities?limit=2&cursor=${encodeURIComponent(cursor)}`, bob);
    expect([asBob.status, asBob.body.code]).toEqual([400, 'DATA_BAD_CURSOR']);
    const otherFilter = await get(`/v1/activities?limit=2&type=running&cursor=${encodeURIComponent(cursor)}`);
    expect([otherFilter.status, otherFilter.body.code]).toEqual([400, 'DATA_BAD_CURSOR']);
    expect((await get(`/v1/workouts?cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);
  });

  it('shows an activity in detail with its parts as stored, and another user’s or an unknown one as 404', async () => {
    const [withParts] = await query(`SELECT activity_id::text AS id FROM activity_parts WHERE user_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [alice.userId]);
    const id = Number(withParts.id);
    const [row] = await query(`SELECT summary, detail, updated_at FROM activities WHERE user_id = $1 AND activity_id = $2`, [alice.userId, id]);
    const parts = await query(`SELECT part, raw FROM activity_parts WHERE user_id = $1 AND activity_id = $2`, [alice.userId, id]);
    const answer = await get(`/v1/activities/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id, summary: row.summary, detail: row.detail, syncedAt: row.updated_at.toISOString() });
    expect(answer.body.parts).toEqual(Object.fromEntries(parts.map((part: { part: string; raw: unknown }) => [part.part, part.raw])));
    expect(Object.keys(answer.body).sort()).toEqual([...ACTIVITY_LIST_FIELDS, 'detail', 'parts', 'syncedAt'].sort());

    const asBob = await get(`/v1/activities/${id}`, bob);
    expect([asBob.status, asBob.body.code]).toEqual([404, 'DATA_ACTIVITY_NOT_FOUND']);
    expect((await get('/v1/activities/999999999999')).status).toBe(404);
    expect((await get('/v1/activities/not-a-number')).status).toBe(400);
  });

  it('serves a metric over days, a day in full, and the overview, as stored; refuses unknown metrics and long ranges', async () => {
    const [{ metric, last }] = await query(
      `SELECT metric, max(calendar_date)::text AS last FROM daily_health WHERE user_id = $1 GROUP BY metric ORDER BY count(*) DESC, metric LIMIT 1`,
      [alice.userId],
    );
    const from = new Date(Date.parse(last) - 59 * 86_400_000).toISOString().slice(0, 10);
    const stored = await query(
      `SELECT calendar_date::text AS date, value FROM daily_health WHERE user_id = $1 AND metric = $2 AND calendar_date BETWEEN $3 AND $4 ORDER BY 1`,
      [alice.userId, metric, from, last],
    );
    const days = await get(`/v1/health/${metric}?from=${from}&to=${last}`);
    expect(days.status).toBe(200);
    expect(days.body).toEqual({ metric, from, to: last, days: stored });
    expect(stored.length).toBeGreaterThan(5);

    const [day] = await query(`SELECT value, raw, updated_at FROM daily_health WHERE user_id = $1 AND metric = $2 AND calendar_date = $3`, [alice.userId, metric, last]);
    expect((await get(`/v1/health/${metric}/${last}`)).body).toEqual({ metric, date: last, value: day.value, raw: day.raw, syncedAt: day.updated_at.toISOString() });
    expect((await get(`/v1/health/${metric}/2001-01-01`)).status).toBe(404);
    expect((await get(`/v1/health/${metric}/2026-02-30`)).status).toBe(400);

    const overviewFrom = new Date(Date.parse(last) - 6 * 86_400_000).toISOString().slice(0, 10);
    const overviewRows = await query(
      `SELECT calendar_date::text AS date, metric, value FROM daily_health WHERE user_id = $1 AND calendar_date BETWEEN $2 AND $3 ORDER BY 1, 2`,
      [alice.userId, overviewFrom, last],
    );
    const expectedDays: { date: string; values: Record<string, number | null> }[] = [];
    for (const row of overviewRows) {
      if (expectedDays[expectedDays.length - 1]?.date !== row.date) expectedDays.push({ date: row.date, values: {} });
      expectedDays[expectedDays.length - 1].values[row.metric] = row.value;
    }
    expect((await get(`/v1/health?from=${overviewFrom}&to=${last}`)).body).toEqual({ from: overviewFrom, to: last, days: expectedDays });
    expect(Object.keys(expectedDays[expectedDays.length - 1].values).length).toBeGreaterThan(3);

    const unknown = await get('/v1/health/mood');
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.message)).toContain(`metric must be one of: ${HEALTH_METRICS.join(', ')}`);
    const long = await get('/v1/health/sleep?from=2024-01-01&to=2025-12-31');
    expect([long.status, long.body.code, long.body.message, long.body.maxDays]).toEqual([400, 'DATA_RANGE_TOO_LONG', 'from 2024-01-01 to 2025-12-31 is 731 days: at most 366 days per request', 366]);
    expect((await get('/v1/health?from=2025-01-01&to=2025-12-31')).body.message).toContain('at most 93 days');
    // Bob synced no health: his overview of the same days is empty.
    expect((await get(`/v1/health?from=${overviewFrom}&to=${last}`, bob)).body.days).toEqual([]);
  });

  it("gives each night's sleep stages beside its headline over a range, from the stored JSON, so a chart needs one request", async () => {
    const stored = await query(
      `SELECT calendar_date::text AS date, value, raw->'dailySleepDTO' AS dto FROM daily_health WHERE user_id = $1 AND metric = 'sleep' ORDER BY 1`,
      [alice.userId],
    );
    expect(stored.length).toBeGreaterThan(5);
    const from = stored[0].date;
    const to = stored[stored.length - 1].date;
    const answer = await get(`/v1/health/sleep?from=${from}&to=${to}`);
    const asStored = (n: unknown) => (typeof n === 'number' ? n : null);
    expect(answer.body.days).toEqual(
      stored.map((night: any) => ({
        date: night.date,
        value: night.value,
        parts: { deep: asStored(night.dto?.deepSleepSeconds), light: asStored(night.dto?.lightSleepSeconds), rem: asStored(night.dto?.remSleepSeconds), awake: asStored(night.dto?.awakeSleepSeconds) },
      })),
    );
    expect(answer.body.days.some((night: any) => night.parts.deep > 0)).toBe(true);
    // A metric without parts reads as before.
    expect(Object.keys((await get(`/v1/health/steps?from=${from}&to=${to}`)).body.days[0])).toEqual(['date', 'value']);
  });

  it('serves workouts and the records of every non-daily kind, as stored', async () => {
    const workouts = await query(`SELECT workout_id::text AS id, name, summary, detail FROM workouts WHERE user_id = $1 ORDER BY workout_id DESC`, [alice.userId]);
    expect(workouts.length).toBeGreaterThan(0);
    const listed = await walk('/v1/workouts?limit=1');
    expect(listed.items.map((item) => item.id)).toEqual(workouts.map((row: { id: string }) => Number(row.id)));
    const detail = await get(`/v1/workouts/${workouts[0].id}`);
    expect(detail.body).toMatchObject({ id: Number(workouts[0].id), name: workouts[0].name, summary: workouts[0].summary, detail: workouts[0].detail });
    expect((await get(`/v1/workouts/${workouts[0].id}`, bob)).status).toBe(404);

    const kinds = await query(`SELECT kind, count(*)::int AS n FROM garmin_records WHERE user_id = $1 GROUP BY kind`, [alice.userId]);
    expect(kinds.length).toBeGreaterThan(2);
    for (const { kind, n } of kinds) {
      const rows = await query(`SELECT record_key, recorded_on::text AS d, value, raw FROM garmin_records WHERE user_id = $1 AND kind = $2 ORDER BY record_key`, [alice.userId, kind]);
      const { items } = await walk(`/v1/records/${kind}?limit=2`);
      expect([kind, items.length]).toEqual([kind, n]);
      expect(items.map(({ key, recordedOn, value, raw }) => ({ key, recordedOn, value, raw }))).toEqual(
        rows.map((row: { record_key: string; d: string | null; value: number | null; raw: unknown }) => ({ key: row.record_key, recordedOn: row.d, value: row.value, raw: row.raw })),
      );
    }
    const unknown = await get('/v1/records/passwords');
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.message)).toContain(`kind must be one of: ${RECORD_KINDS.join(', ')}`);
    expect((await get('/v1/records/devices?limit=501')).body.message).toEqual(['limit must be at most 500']);
  });

  it('answers If-None-Match with 304 and no body, and gzips for clients that accept it', async () => {
    const first = await get('/v1/activities?limit=50');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong: no W/
    const again = await get('/v1/activities?limit=50', alice, { 'if-none-match': etag });
    expect([again.status, again.body]).toEqual([304, undefined]);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get('/v1/activities?limit=1', alice, { 'if-none-match': etag })).status).toBe(200); // another body, another tag
    const metricEtag = (await get('/v1/health/sleep')).headers.get('etag') as string;
    expect((await get('/v1/health/sleep', alice, { 'if-none-match': `"other", ${metricEtag}` })).status).toBe(304);

    const raw = (encoding?: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(`${stack.gateway.url}/v1/activities?limit=50`, { headers: { authorization: `Bearer ${alice.token}`, ...(encoding && { 'accept-encoding': encoding }) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const gzipped = await raw('gzip');
    const plain = await raw();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gzipped.body).toString()).toBe(plain.body.toString());
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
    expect(gzipped.headers['etag']).toBe(plain.headers['etag']);
  });

  it('serves the same reads over NATS, with the same limits, errors and user scoping', async () => {
    const http = await get('/v1/activities?limit=4');
    const overNats = await rpc(RpcSubject.DataActivityList, { userId: alice.userId, limit: 4 });
    expect(overNats).toEqual({ ok: true, data: http.body });
    const next = await rpc(RpcSubject.DataActivityList, { userId: alice.userId, limit: 4, cursor: overNats.data.nextCursor });
    expect(next.data).toEqual((await get(`/v1/activities?limit=4&cursor=${encodeURIComponent(overNats.data.nextCursor)}`)).body);
    // An error is the same error on both: the HTTP body's code is the RPC error's reason, and its fields the context.
    const foreignCursor = await rpc(RpcSubject.DataActivityList, { userId: bob.userId, limit: 4, cursor: overNats.data.nextCursor });
    const foreignOverHttp = await get(`/v1/activities?limit=4&cursor=${encodeURIComponent(overNats.data.nextCursor)}`, bob);
    expect(foreignOverHttp.body).toMatchObject({ statusCode: 400, code: 'DATA_BAD_CURSOR' });
    expect(foreignCursor).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: foreignOverHttp.body.message, reason: foreignOverHttp.body.code } });
    expect(await rpc(RpcSubject.DataActivityList, { userId: alice.userId, limit: 101 })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'payload is invalid', details: ['limit must be at most 100'] },
    });
    expect(await rpc(RpcSubject.DataActivityList, { userId: alice.userId, fields: ['token'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: [`each of fields must be one of: ${ACTIVITY_LIST_FIELDS.join(', ')}`] },
    });

    const id = http.body.items[0].id;
    expect(await rpc(RpcSubject.DataActivityGet, { userId: alice.userId, activityId: id })).toEqual({ ok: true, data: (await get(`/v1/activities/${id}`)).body });
    expect(await rpc(RpcSubject.DataActivityGet, { userId: bob.userId, activityId: id })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `no activity ${id}`, reason: 'DATA_ACTIVITY_NOT_FOUND' } });
    expect(await rpc(RpcSubject.DataActivityGet, { userId: '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', activityId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect(await rpc(RpcSubject.DataHealthMetric, { userId: alice.userId, metric: 'sleep' })).toEqual({ ok: true, data: (await get('/v1/health/sleep')).body });
    expect(await rpc(RpcSubject.DataHealthMetric, { userId: alice.userId, metric: 'mood' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: [`metric must be one of: ${HEALTH_METRICS.join(', ')}`] },
    });
    expect(await rpc(RpcSubject.DataHealthMetric, { userId: alice.userId, metric: 'sleep', from: '2024-01-01', to: '2025-12-31' })).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'from 2024-01-01 to 2025-12-31 is 731 days: at most 366 days per request',
        reason: 'DATA_RANGE_TOO_LONG',
        context: { days: 731, maxDays: 366 },
      },
    });
    const [{ d: day }] = await query(`SELECT max(calendar_date)::text AS d FROM daily_health WHERE user_id = $1 AND metric = 'sleep'`, [alice.userId]);
    expect(await rpc(RpcSubject.DataHealthDay, { userId: alice.userId, metric: 'sleep', date: day })).toEqual({ ok: true, data: (await get(`/v1/health/sleep/${day}`)).body });
    expect(await rpc(RpcSubject.DataHealthDay, { userId: bob.userId, metric: 'sleep', date: day })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await rpc(RpcSubject.DataHealthOverview, { userId: alice.userId })).toEqual({ ok: true, data: (await get('/v1/health')).body });
    expect(await rpc(RpcSubject.DataWorkoutList, { userId: alice.userId })).toEqual({ ok: true, data: (await get('/v1/workouts')).body });
    const workoutId = (await get('/v1/workouts')).body.items[0].id;
    expect(await rpc(RpcSubject.DataWorkoutGet, { userId: alice.userId, workoutId })).toEqual({ ok: true, data: (await get(`/v1/workouts/${workoutId}`)).body });
    expect(await rpc(RpcSubject.DataWorkoutGet, { userId: bob.userId, workoutId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await rpc(RpcSubject.DataRecordList, { userId: alice.userId, kind: 'devices' })).toEqual({ ok: true, data: (await get('/v1/records/devices')).body });
    expect(await rpc(RpcSubject.DataRecordList, { userId: alice.userId, kind: 'passwords' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('returns no internal column, user id or token on any read', async () => {
    const answers = await Promise.all(['/v1/activities?fields=summary', '/v1/activities?limit=1', '/v1/health', '/v1/workouts', '/v1/records/devices'].map((path) => get(path)));
    const text = JSON.stringify(answers.map((answer) => answer.body));
    for (const internal of ['parts_asked', 'partsAsked', 'created_at', 'lease', 'fence', alice.userId, alice.token]) expect(text).not.toContain(internal);
  });

  it('documents every read route in the OpenAPI document', async () => {
    const { body } = await stack.gateway.get('/docs/json');
    for (const path of ['/v1/activities', '/v1/activities/{id}', '/v1/health', '/v1/health/{metric}', '/v1/health/{metric}/{date}', '/v1/workouts', '/v1/workouts/{id}', '/v1/records/{kind}']) {
      expect([path, Object.keys(body.paths[path] ?? {})]).toEqual([path, ['get']]);
    }
  });

  it("tells in GET /v1/auth/me the user's Garmin time zone, from their newest synced activity, and null before any", async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { timeZone: 'America/Costa_Rica', historyDays: 30 });
    expect((await stack.gateway.get('/v1/auth/me', { token: user.token })).body.timeZone).toBeNull();
    const started = await stack.gateway.post('/v1/sync', { types: ['activities'] }, { token: user.token });
    expect((await waitForJob(stack.gateway, user, started.body.id, 90_000)).status).toBe('completed');
    expect((await stack.gateway.get('/v1/auth/me', { token: user.token })).body.timeZone).toBe('America/Costa_Rica');
  });
});
