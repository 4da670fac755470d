import { SyncJobView } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(120_000);

/** A Garmin slow enough that progress is written many times inside every kind, not only at its end. */
const SLOW = { latency: { fixedMs: 10 } };

/** Whatever a watcher can read: the progress percentage and the processed/total ratio. */
interface Seen {
  via: 'event' | 'row';
  progress: number;
  ratio: number;
  kind: string | null;
}

const ratioOf = (processed: number, total: number | null) => (total ? processed / total : 0);

/** The first place where a watcher would have seen progress go back, or null. */
function firstRegression(seen: readonly Seen[], value: (s: Seen) => number): string | null {
  for (let i = 1; i < seen.length; i++) {
    if (value(seen[i]) < value(seen[i - 1])) return `${JSON.stringify(seen[i - 1])} then ${JSON.stringify(seen[i])}`;
  }
  return null;
}

describe('progress of a multi-kind sync, as a watcher sees it', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 1 });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('never goes back over a whole `all` sync, in the events and in the job row, and ends at 100%', async () => {
    await stack.sim.admin('/faults', SLOW, 'PUT');
    const user = await linkedUser(stack.sim, stack.gateway);
    const events: Seen[] = [];
    const subscription = nats.subscribe(`${stack.prefix}.garmin.events.sync.>`, {
      callback: (_error, message) => {
        const { job } = JSON.parse(Buffer.from(message.data).toString()) as { job: SyncJobView };
        if (job.userId !== user.userId) return;
        events.push({ via: 'event', progress: job.progress, ratio: ratioOf(job.processedItems, job.totalItems), kind: job.currentKind });
      },
    });

    const started = await stack.gateway.post('/v1/sync', { types: ['all'], from: '2026-05-01', to: '2026-07-29' }, { token: user.token });
    expect(started.status).toBe(202);
    const id = started.body.id as string;

    // A second watcher polls the row the job view is read from, as the CLI and the SSE stream do.
    const rows: Seen[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const [row] = await query(`SELECT progress, processed_items, total_items, current_kind, status FROM sync_jobs WHERE id = $1`, [id]);
        rows.push({ via: 'row', progress: row.progress, ratio: ratioOf(row.processed_items, row.total_items), kind: row.current_kind });
        if (['completed', 'failed', 'cancelled'].includes(row.status)) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const done = await waitForJob(stack.gateway, user, id, 90_000);
    polling = false;
    await poller;
    await stack.sim.admin('/faults', {}, 'PUT');
    // The completed event can trail the row by a moment.
    for (let i = 0; i < 50 && !events.some((e) => e.progress === 100); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.unsubscribe();

    expect(done).toMatchObject({ status: 'completed', progress: 100 });
    expect(done.processedItems).toBe(done.totalItems);
    // Meaningful only if the watcher saw the job move through every kind, many times.
    const kinds = new Set(events.map((e) => e.kind).filter(Boolean));
    expect([...kinds].sort()).toEqual(['activities', 'health', 'profile', 'workouts']);
    expect(events.length).toBeGreaterThanOrEqual(6);

    expect(firstRegression(events, (s) => s.progress)).toBeNull();
    expect(firstRegression(events, (s) => s.ratio)).toBeNull();
    expect(firstRegression(rows, (s) => s.progress)).toBeNull();
    expect(firstRegression(rows, (s) => s.ratio)).toBeNull();
    expect(events[events.length - 1]).toMatchObject({ progress: 100, ratio: 1 });
    expect(rows[rows.length - 1]).toMatchObject({ progress: 100, ratio: 1 });
    console.log(
      `progress never went back: ${events.length} events (${[...new Set(events.map((e) => e.progress))].join(' → ')} %) ` +
        `and ${rows.length} row reads over activities, health and workouts, ending at 100%`,
    );
  });
});
