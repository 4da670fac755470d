import { ChangeEventsOf, Fence, holdLease, UpsertSpec } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { upsertUnique } from './kinds/last-by-key';
import { JobStopped } from './sync.errors';

/** One fenced upsert: rows on their natural key, the count of rows inserted or changed. */
export type Upsert = <R>(spec: UpsertSpec<R>, rows: readonly R[]) => Promise<number>;

/**
 * Every data row a job writes goes through here. Each write runs in a transaction that first holds the
 * user's lease at the job's fence (FOR SHARE): while it runs, a takeover waits for it; once the lease
 * was taken, the transaction writes nothing and the job stops as `lease_lost`. So a worker paused past
 * its lease (or back from a lost database) cannot put an older answer of Garmin's over a newer one that
 * the new holder wrote. The rows' change events are written by the same statements (upsertRows), so they
 * are fenced with the data: a worker that lost its lease writes neither. Worker connections have an idle-in-transaction timeout, so a process paused
 * inside such a transaction cannot hold a takeover up for long.
 */
export class FencedWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly fence: Fence,
    /** Counts what a write changed (metrics); false turns writing off (fetch-only benchmark runs). */
    private readonly onWritten: (changed: number) => void,
    private readonly enabled = true,
    /** Whose change events the writes make; undefined writes none (SYNC_DATA_EVENTS=false, the benchmark's baseline). */
    private readonly changeEvents?: ChangeEventsOf,
  ) {}

  upsert: Upsert = (spec, rows) => (rows.length === 0 || !this.enabled ? Promise.resolve(0) : this.together((upsert) => upsert(spec, rows)));

  /** Writes that belong together, in one fenced transaction; what they return. */
  async together<T>(work: (upsert: Upsert) => Promise<T>): Promise<T> {
    if (!this.enabled) return work(async () => 0);
    return this.manager.transaction(async (tx) => {
      if (!(await holdLease(tx, this.fence))) throw new JobStopped('lease_lost');
      return work(async (spec, rows) => {
        const changed = await upsertUnique(tx, spec, rows, { changeEvents: this.changeEvents });
        this.onWritten(changed);
        return changed;
      });
    });
  }
}
