import { DataKind, SyncKind } from '@fittrack/contracts';
import { ConnectApi, DailySummary } from '@fittrack/garmin';
import { CursorUpdate, SyncCursor } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { Upsert } from '../fenced-writer';
import { JobContext } from '../job-context';
import { KindAvailability } from './availability';

export type { CursorUpdate } from '@fittrack/persistence';

/** What a kind syncer gets for one job. */
export interface KindRun {
  ctx: JobContext;
  api: ConnectApi;
  /** For reads. Every write goes through `upsert` or `together`, fenced by the job's lease. */
  manager: EntityManager;
  /** The data kinds this job syncs (of every SyncKind: each syncer reads its own). */
  selection: ReadonlySet<DataKind>;
  /** What is known of the selected kinds (produced by the user's devices, or absent): the health and profile syncers probe and skip by it. */
  availability: KindAvailability;
  /** Garmin's display name and profile id, known since the link (some paths name them). */
  displayName: string;
  profileId: number;
  /** Today in the user's Garmin time zone. */
  today: string;
  /** Today's daily summary, already fetched to learn the time zone (undefined: not fetched). */
  todaySummary?: DailySummary | null;
  /** The requested range, or null for an incremental sync. */
  range: { from: string; to: string } | null;
  cursor: SyncCursor | null;
  concurrency: number;
  /** Writes rows (batched upsert on the natural key) while the lease is the job's; counts what changed. A no-op in fetch-only runs. */
  upsert: Upsert;
  /** Writes that belong together (an activity's detail and file), in one fenced transaction. */
  together<T>(work: (upsert: Upsert) => Promise<T>): Promise<T>;
}

/** A kind's work, listed and counted on the job context; nothing item by item is fetched yet. */
export interface KindPlan {
  /** Fetches and stores what was planned; where an incremental sync of the kind starts next time. */
  fetch(): Promise<CursorUpdate | undefined>;
}

/**
 * One kind of data in two steps: `plan` makes only the list requests and counts the job's items
 * (ctx.plan); `fetch` does them. The runner plans every kind of a job before it fetches any, so
 * a job's total is known before its first item and its progress only moves forward.
 */
export interface KindSyncer {
  readonly kind: SyncKind;
  plan(run: KindRun): Promise<KindPlan>;
}
