import { RpcSubject } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { eventually, LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(300_000);

const DAY_MS = 86_400_000;
/** Days before today, as the workers see today (UTC accounts). */
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
const range = (fromAgo: number, toAgo: number) => Array.from({ length: fromAgo - toAgo + 1 }, (_, i) => ago(toAgo + i));

interface Reloads {
  requests: { date: string; at: string; wasArchived: boolean }[];
  today: number;
  allowancePerDay: number;
}

/**
 * Garmin's archive against the simulator's reload endpoint and daily allowance (h/sim-generated): a backfill
 * past 180 days queues the archived days of the intraday sources, every job spends the account's daily budget
 * on them, newest first, and the queue carries on night after night and across a worker's death.
 */
describe('Garmin’s archive: reloads within the per-account daily budget', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const reloads = (user: LinkedUser): Promise<Reloads> => stack.sim.admin(`/accounts/${encodeURIComponent(user.email)}/reloads`, undefined, 'GET');
  const heartRateDays = async (user: LinkedUser, before: string) =>
    ((await query(`SELECT to_char(calendar_date, 'YYYY-MM-DD') AS d FROM daily_health WHERE user_id = $1 AND metric = 'heart_rate' AND calendar_date < $2 ORDER BY 1`, [user.userId, before])) as { d: string }[]).map((r) => r.d);

  /** One night: our UTC day and Garmin's both move on (the day rows back by one, the simulator's clock a day ahead), then the nightly run. */
  async function nextNight(user: LinkedUser, date: string): Promise<any> {
    await query(`UPDATE archive_reload_days SET utc_day = utc_day - 1`);
    await stack.sim.admin('/clock', { advanceMs: DAY_MS });
    const reply = await nats.request(`${stack.prefix}.${RpcSubject.NightlyRun}`, Buffer.from(JSON.stringify({ date })), { timeout: 20_000 });
    expect(JSON.parse(Buffer.from(reply.data).toString())).toMatchObject({ ok: true });
    const [{ id }] = await query(`SELECT id FROM sync_jobs WHERE user_id = $1 AND trigger = 'nightly' ORDER BY created_at DESC LIMIT 1`, [user.userId]);
    return waitForJob(stack.gateway, user, id, 120_000);
  }

  beforeAll(async () => {
    const env = { SYNC_ARCHIVE_RELOADS_PER_DAY: '4', NIGHTLY_WINDOW_SECONDS: '0', SESSION_REFRESH_HORIZON_HOURS: '0' };
    stack = await startStack({ gateways: 1, workers: 0, env });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('queues the archived days, and two more nights carry the queue on, never past the budget in a day', async () => {
    const worker = await stack.startWorker();
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 400 });
    await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: ['heart_rate'] }, token: user.token });
    const archived = range(190, 180); // 11 days Garmin has archived, newest first
    const started = await stack.gateway.post('/v1/sync', { types: ['health'], from: ago(190), to: ago(176) }, { token: user.token });
    const first = await waitForJob(stack.gateway, user, started.body.id, 120_000);
    expect(first).toMatchObject({ status: 'completed', archive: { queued: 11, requested: 4, done: 4, remaining: 7 } });
    expect(first.processedItems).toBe(first.totalItems);
    expect((await reloads(user)).requests.map((r) => r.date)).toEqual(archived.slice(0, 4));
    // Of the archived days, only the reloaded ones were asked for (and stored).
    expect(await heartRateDays(user, ago(179))).toEqual(archived.slice(0, 4).sort());
    expect((await stack.gateway.get('/v1/sync/archive', { token: user.token })).body).toEqual({
      queued: 7,
      requestedToday: 4,
      budget: 4,
      exhaustedToday: false,
      done: 4,
      requested: 0,
      nextDates: archived.slice(4),
    });

    // A second job the same day spends nothing more.
    const sameDay = await stack.gateway.post('/v1/sync', { types: ['health'] }, { token: user.token });
    expect((await waitForJob(stack.gateway, user, sameDay.body.id, 120_000)).archive).toMatchObject({ requested: 0, remaining: 7 });
    expect((await reloads(user)).requests).toHaveLength(4);

    const night2 = await nextNight(user, '2031-01-02');
    expect(night2).toMatchObject({ status: 'completed', archive: { queued: 0, requested: 4, done: 4, remaining: 3 } });
    const afterNight2 = await reloads(user);
    expect(afterNight2.today).toBe(4);
    expect(afterNight2.requests.map((r) => r.date)).toEqual(archived.slice(0, 8));

    const night3 = await nextNight(user, '2031-01-03');
    expect(night3).toMatchObject({ status: 'completed', archive: { queued: 0, requested: 3, done: 3, remaining: 0 } });
    const afterNight3 = await reloads(user);
    expect(afterNight3.today).toBe(3);
    expect(afterNight3.requests.map((r) => r.date)).toEqual(archived);
    expect(new Set(afterNight3.requests.map((r) => r.date)).size).toBe(11);
    expect(await heartRateDays(user, ago(179))).toEqual([...archived].sort());
    expect((await query(`SELECT max(used)::int AS most FROM archive_reload_days WHERE user_id = $1`, [user.userId]))[0].most).toBe(4);
    await worker.process.stop('SIGTERM');
  });

  it('resumes the queue after a worker is SIGKILLed mid-reload: a second worker finishes, within the day’s budget', async () => {
    // Two requests a second per account, so the reloads take seconds and the kill lands among them.
    const slow = { GARMIN_ACCOUNT_RATE_PER_SECOND: '2', SYNC_LEASE_TTL_MS: '3000' };
    const doomed = await stack.startWorker(slow);
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 400 });
    await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: ['heart_rate'] }, token: user.token });
    const started = await stack.gateway.post('/v1/sync', { types: ['health'], from: ago(189), to: ago(180) }, { token: user.token });
    await eventually(async () => (await reloads(user)).requests.length >= 2, 60_000, 'two reloads asked for');
    await doomed.process.stop('SIGKILL');
    const atKill = (await reloads(user)).requests.length;
    expect(atKill).toBeLessThan(4);

    await stack.startWorker(slow);
    const done = await waitForJob(stack.gateway, user, started.body.id, 180_000);
    expect(done.status).toBe('completed');
    const asked = (await reloads(user)).requests.map((r) => r.date);
    const twice = asked.filter((date, i) => asked.indexOf(date) !== i);
    // Never more than the day's budget (Garmin accepts them all), and at most the one whose answer was lost asked twice.
    expect(asked.length).toBeLessThanOrEqual(4);
    expect(twice.length).toBeLessThanOrEqual(1);
    const [{ used }] = await query(`SELECT used FROM archive_reload_days WHERE user_id = $1`, [user.userId]);
    expect(used).toBe(4);
    const rows: { d: string; status: string }[] = await query(
      `SELECT to_char(calendar_date, 'YYYY-MM-DD') AS d, status FROM archive_reloads WHERE user_id = $1 ORDER BY calendar_date DESC`,
      [user.userId],
    );
    const doneDays = rows.filter((r) => r.status === 'done').map((r) => r.d);
    expect(doneDays).toEqual([...new Set(asked)].sort().reverse());
    expect(rows.filter((r) => r.status === 'requested')).toEqual([]);
    expect(await heartRateDays(user, ago(179))).toEqual([...doneDays].sort());
    console.log(`proved: killed after ${atKill} reloads; ${asked.length} asked in all (${twice.length} twice), ${doneDays.length} days reloaded and fetched`);
  });
});
