import { CommandSubject, DataChangeCounts, EventSubject } from '@fittrack/contracts';
import { dataStreamName } from '@fittrack/messaging';
import { PlatformStack } from '@fittrack/testing';
import { AckPolicy, connect, DeliverPolicy, JsMsg, NatsConnection } from 'nats';
import { eventually, LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(240_000);

/** Quick redelivery after a worker dies, and a Garmin slow enough that a job is still running when we kill it. */
const WORKER_ENV = { SYNC_LEASE_TTL_MS: '2000', SYNC_ACK_WAIT_MS: '3000', SYNC_ITEM_CONCURRENCY: '2' };
const SLOW = { latency: { fixedMs: 15 } };
const RANGE = { from: '2026-07-01', to: '2026-09-28' };

/** A change event as it arrives, with its stream sequence and Nats-Msg-Id. */
interface Arrived {
  seq: number;
  subject: string;
  msgId: string;
  body: { userId: string; kind: string; key: Record<string, unknown>; version: number; change: string; jobId: string } & Record<string, unknown>;
}

/** Every data table, how its natural key reads in an event, and its subject. */
const TABLES = [
  { table: 'activities', subject: 'activity', key: `activity_id::text` },
  { table: 'activity_files', subject: 'activity_file', key: `activity_id::text` },
  { table: 'activity_parts', subject: 'activity_part', key: `activity_id::text || '/' || part` },
  { table: 'daily_health', subject: 'health', key: `to_char(calendar_date, 'YYYY-MM-DD') || '/' || metric` },
  { table: 'garmin_records', subject: 'record', key: `kind || '/' || record_key` },
  { table: 'workouts', subject: 'workout', key: `workout_id::text` },
];
/** Every field an event may have: the base, and each subject's headline fields (contracts data-events.ts). */
const EVENT_FIELDS = new Set(
  ['userId', 'kind', 'key', 'version', 'change', 'jobId', 'at', 'value', 'recordedOn', 'name', 'activityType', 'startTimeUtc', 'startDateLocal']
    .concat(['durationS', 'distanceM', 'calories', 'averageHr', 'format', 'sha256', 'sizeBytes', 'sportType', 'garminUpdatedAt']),
);

/** The key fields of each subject, in the order TABLES joins them (a JSON object's keys come in no order of ours). */
const KEY_FIELDS: Record<string, string[]> = {
  activity: ['activityId'],
  activity_file: ['activityId'],
  activity_part: ['activityId', 'part'],
  health: ['date', 'metric'],
  record: ['kind', 'recordKey'],
  workout: ['workoutId'],
};
const eventKey = (e: Arrived) => `${e.subject}:${KEY_FIELDS[e.subject].map((field) => String(e.body.key[field])).join('/')}`;

describe('change events: one per stored change, written with the data, durable and replayable (gateway, workers, simulator, PostgreSQL, JetStream)', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  let consumers = 0;
  const completed: { job: { id: string }; changes?: DataChangeCounts }[] = [];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  /** Each row of the user, keyed as its events are, with its version. */
  async function rowsOf(userId: string): Promise<Map<string, number>> {
    const rows: { k: string; version: number }[] = await query(
      TABLES.map((t) => `SELECT '${t.subject}:' || ${t.key} AS k, version FROM ${t.table} WHERE user_id = $1`).join(' UNION ALL '),
      [userId],
    );
    return new Map(rows.map((r) => [r.k, r.version]));
  }

  /** Waits until the relay published every change event in the outbox. */
  const relayed = () =>
    eventually(
      async () => (await query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND subject LIKE 'garmin.events.data.%'`))[0].n === 0,
      60_000,
      'the relay to publish every change event',
    );

  /** A new durable consumer reads the stream from `from` (a sequence) to its end: what a platform service replaying would see. */
  async function replay(from?: number): Promise<Arrived[]> {
    const stream = dataStreamName(stack.prefix);
    const jsm = await nats.jetstreamManager();
    const name = `replay-${++consumers}`;
    // A short ack wait: a message delivered to a fetch that had just expired (a loaded machine) comes back soon.
    await jsm.consumers.add(stream, {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      ack_wait: 2e9,
      ...(from ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from } : { deliver_policy: DeliverPolicy.All }),
    });
    const consumer = await nats.jetstream().consumers.get(stream, name);
    const bySeq = new Map<number, Arrived>();
    for (;;) {
      const info = await consumer.info();
      if (info.num_pending === 0 && info.num_ack_pending === 0) break;
      const batch = await consumer.fetch({ max_messages: Math.max(1, Math.min(info.num_pending, 500)), expires: 3000 });
      for await (const message of batch as AsyncIterable<JsMsg>) {
        bySeq.set(message.seq, {
          seq: message.seq,
          subject: message.subject.slice(`${stack.prefix}.garmin.events.data.`.length),
          msgId: message.headers?.get('Nats-Msg-Id') ?? '',
          body: message.json(),
        });
        message.ack();
      }
    }
    await jsm.consumers.delete(stream, name);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  const ofUser = (events: Arrived[], user: LinkedUser) => events.filter((e) => e.body.userId === user.userId);

  /** Exactly one event per (row, version): every row's versions 1..v are there, once each, and nothing else. */
  function expectOneEventPerChange(events: Arrived[], rows: Map<string, number>) {
    expect(new Set(events.map((e) => e.msgId)).size).toBe(events.length);
    const seen = new Map<string, number[]>();
    for (const e of events) seen.set(eventKey(e), [...(seen.get(eventKey(e)) ?? []), e.body.version]);
    const wrong = [...new Set([...rows.keys(), ...seen.keys()])].filter((key) => {
      const versions = seen.get(key) ?? [];
      return versions.length !== (rows.get(key) ?? 0) || versions.some((v, i) => v !== i + 1);
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  }

  async function startSync(user: LinkedUser, body: object = {}): Promise<string> {
    const answer = await stack.gateway.post('/v1/sync', body, { token: user.token });
    expect([200, 202]).toContain(answer.status);
    return answer.body.id as string;
  }

  async function syncToEnd(user: LinkedUser, body: object = {}): Promise<{ id: string; changes: DataChangeCounts }> {
    const id = await startSync(user, body);
    expect((await waitForJob(stack.gateway, user, id, 120_000)).status).toBe('completed');
    await eventually(async () => completed.some((e) => e.job.id === id), 10_000, 'the completion event');
    await relayed();
    return { id, changes: completed.find((e) => e.job.id === id)?.changes as DataChangeCounts };
  }

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 1, env: WORKER_ENV });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
    nats.subscribe(`${stack.prefix}.${EventSubject.SyncCompleted}`, { callback: (_error, message) => completed.push(JSON.parse(Buffer.from(message.data).toString())) });
  });

  afterEach(async () => {
    await stack?.sim.admin('/faults', {}, 'PUT');
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('a sync makes one event per stored row; a consumer made afterwards replays them all; a re-sync with nothing new makes none', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const first = await syncToEnd(user, { types: ['all'] });
    const rows = await rowsOf(user.userId);
    expect(rows.size).toBeGreaterThan(100);
    expect([...rows.values()].every((v) => v === 1)).toBe(true);

    const events = ofUser(await replay(), user);
    expect(events.length).toBe(rows.size);
    expectOneEventPerChange(events, rows);
    expect(events.every((e) => e.body.change === 'created' && e.body.jobId === first.id)).toBe(true);
    expect(new Set(events.map((e) => e.subject))).toEqual(new Set(TABLES.map((t) => t.subject)));
    // Keys and headlines only: no Garmin JSON, nothing secret.
    const fields = new Set(events.flatMap((e) => Object.keys(e.body)));
    expect([...fields].filter((field) => !EVENT_FIELDS.has(field))).toEqual([]);
    expect(JSON.stringify(events.map((e) => e.body))).not.toMatch(/token|oauth|password/i);
    const day = events.find((e) => e.subject === 'health');
    expect(day?.body).toEqual({ userId: user.userId, kind: day?.body.key.metric, key: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), metric: expect.any(String) }, version: 1, change: 'created', jobId: first.id, at: expect.any(String), value: day?.body.value });
    expect(events.find((e) => e.subject === 'activity')?.body).toMatchObject({ kind: 'activities', key: { activityId: expect.any(Number) }, name: expect.any(String), activityType: expect.any(String), startTimeUtc: expect.any(String) });
    expect(events.find((e) => e.subject === 'activity')?.msgId).toMatch(new RegExp(`^garmin\\.events\\.data\\.activity:${user.userId}:\\d+:v1$`));

    // The completion event counts the rows the job changed, per kind.
    const [{ activities, files }] = await query(`SELECT (SELECT count(*)::int FROM activities WHERE user_id = $1) AS activities, (SELECT count(*)::int FROM activity_files WHERE user_id = $1) AS files`, [user.userId]);
    expect(first.changes).toMatchObject({ total: rows.size, activityFiles: files });
    expect(first.changes.byKind.activities).toBe(activities);
    const [{ steps }] = await query(`SELECT count(*)::int AS steps FROM daily_health WHERE user_id = $1 AND metric = 'steps'`, [user.userId]);
    expect(first.changes.byKind.steps).toBe(steps);

    const stored = (await (await nats.jetstreamManager()).streams.info(dataStreamName(stack.prefix))).state.messages;
    const second = await syncToEnd(user);
    expect(second.changes).toEqual({ total: 0, byKind: {}, activityFiles: 0 });
    expect((await (await nats.jetstreamManager()).streams.info(dataStreamName(stack.prefix))).state.messages).toBe(stored);
    expect(await rowsOf(user.userId)).toEqual(rows);

    // Replay from any point: a consumer starting half way sees exactly the rest, in order.
    const all = await replay();
    const middle = all[Math.floor(all.length / 2)];
    const rest = await replay(middle.seq);
    expect(rest.map((e) => e.msgId)).toEqual(all.filter((e) => e.seq >= middle.seq).map((e) => e.msgId));
    console.log(`proved: ${rows.size} stored rows, ${events.length} events (one each, v1), replayed by a consumer made after the sync; a re-sync changed nothing and published nothing`);
  });

  it('a value changed upstream makes exactly that one event, at version + 1', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    await syncToEnd(user, { types: ['health'] });
    // The stored day no longer matches Garmin's (as if Garmin had corrected it): the next sync re-reads today and yesterday.
    const [day] = await query(
      `SELECT to_char(calendar_date, 'YYYY-MM-DD') AS date, metric, value FROM daily_health WHERE user_id = $1 AND metric = 'steps' ORDER BY calendar_date DESC LIMIT 1`,
      [user.userId],
    );
    await query(`UPDATE daily_health SET value = -1, raw = '{"edited": true}' WHERE user_id = $1 AND calendar_date = $2 AND metric = 'steps'`, [user.userId, day.date]);
    const before = ofUser(await replay(), user);
    const again = await syncToEnd(user, { types: ['health'] });
    const after = ofUser(await replay(), user);
    const fresh = after.slice(before.length);
    expect(fresh.map((e) => ({ subject: e.subject, key: e.body.key, version: e.body.version, change: e.body.change, value: e.body.value, jobId: e.body.jobId }))).toEqual([
      { subject: 'health', key: { date: day.date, metric: 'steps' }, version: 2, change: 'updated', value: day.value, jobId: again.id },
    ]);
    expect(again.changes).toEqual({ total: 1, byKind: { steps: 1 }, activityFiles: 0 });
    expectOneEventPerChange(after, await rowsOf(user.userId));
  });

  it('a command delivered twice, and a job whose worker is SIGKILLed half way, publish no duplicate', async () => {
    const twice = await linkedUser(stack.sim, stack.gateway);
    const id = await startSync(twice, { types: ['activities', 'health'] });
    await eventually(async () => (await query(`SELECT published_at FROM outbox WHERE msg_id = $1`, [id]))[0]?.published_at !== null, 10_000, 'the relay');
    await nats.jetstream().publish(`${stack.prefix}.${CommandSubject.SyncRun}`, Buffer.from(JSON.stringify({ jobId: id, userId: twice.userId })), { msgID: `${id}-again` });
    expect((await waitForJob(stack.gateway, twice, id, 120_000)).status).toBe('completed');

    for (const worker of stack.workers.splice(0)) await worker.process.stop('SIGTERM');
    await stack.sim.admin('/faults', SLOW, 'PUT');
    const killed = await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 });
    const doomed = await stack.startWorker();
    const job = await startSync(killed, RANGE);
    await eventually(
      async () => (await query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = $1`, [job]))[0].n > 50,
      90_000,
      'the job to store a good part of its data',
    );
    await doomed.process.stop('SIGKILL');
    await stack.startWorker();
    expect((await waitForJob(stack.gateway, killed, job, 150_000)).status).toBe('completed');
    expect((await query(`SELECT attempt_count FROM sync_jobs WHERE id = $1`, [job]))[0].attempt_count).toBe(2);
    await relayed();

    const events = await replay();
    for (const user of [twice, killed]) {
      const rows = await rowsOf(user.userId);
      expect(rows.size).toBeGreaterThan(50);
      expectOneEventPerChange(ofUser(events, user), rows);
    }
    console.log('proved: a duplicated command and a SIGKILLed attempt left exactly one event per stored change');
  });
});
