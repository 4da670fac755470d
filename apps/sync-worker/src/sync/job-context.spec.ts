import { SyncJobView } from '@fittrack/contracts';
import { Lease, SyncJob } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { JobContext } from './job-context';

/** The database seam: records each progress write's (processed, total, progress). */
function recordingManager() {
  const writes: { processed: number; total: number | null; progress: number }[] = [];
  const manager = {
    query: async (_sql: string, params: unknown[]) => {
      writes.push({ processed: params[2] as number, total: params[3] as number | null, progress: params[4] as number });
      return [[{ id: 'job' }], 1];
    },
  } as unknown as EntityManager;
  return { manager, writes };
}

const LEASE = { userId: 'user', jobId: 'job', holder: 'test', fence: '1' } as Lease;

function context(job: Partial<SyncJob>) {
  const { manager, writes } = recordingManager();
  const events: SyncJobView[] = [];
  const full = { id: 'job', userId: 'user', kinds: ['activities', 'health'], byKind: {}, processedItems: 0, totalItems: null, progress: 0, createdAt: new Date(), ...job } as SyncJob;
  return { ctx: new JobContext(full, LEASE, manager, 60_000, (view) => events.push(view)), writes, events };
}

describe('JobContext progress', () => {
  it('shows nothing of a plan until every kind is planned, then only moves forward', async () => {
    const { ctx, writes, events } = context({});
    ctx.plan('activities', 1);
    ctx.done('activities');
    await ctx.flush();
    expect(writes.at(-1)).toEqual({ processed: 0, total: null, progress: 0 });
    expect(events).toEqual([]);

    ctx.plan('activities', 8);
    ctx.plan('health', 11);
    ctx.planned();
    const seen: number[] = [];
    for (const kind of ['activities', 'health'] as const) {
      ctx.startKind(kind);
      for (let i = 0; i < (kind === 'activities' ? 8 : 11); i++) {
        ctx.done(kind);
        await ctx.flush();
        seen.push(writes.at(-1)?.progress ?? -1);
      }
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(writes.at(-1)).toEqual({ processed: 20, total: 20, progress: 99 });
    expect(events.map((e) => e.progress)).toEqual([...events.map((e) => e.progress)].sort((a, b) => a - b));
  });

  it('goes on from an earlier attempt’s counts, and never shows less than it did', async () => {
    const byKind = { activities: { processed: 40, total: 100 }, health: { processed: 0, total: 50 } };
    const { ctx, writes } = context({ byKind, processedItems: 40, totalItems: 150, progress: 26 });
    ctx.plan('activities', 1);
    ctx.done('activities');
    await ctx.flush();
    expect(writes.at(-1)).toEqual({ processed: 40, total: 150, progress: 26 });
    // The further attempt finds more left than the first had planned: its own ratio would be 41/161.
    ctx.plan('activities', 70);
    ctx.plan('health', 50);
    ctx.planned();
    await ctx.flush();
    expect(writes.at(-1)).toEqual({ processed: 41, total: 161, progress: 26 });
    expect(ctx.totals).toEqual({ processed: 41, total: 161 });
  });
});
