import { KindAvailabilityStore } from '@fittrack/persistence';
import { KindAvailability } from '../../src/sync/kinds/availability';

const FORGETFUL_STORE = { learn: async () => 0, devicesSeen: async () => [] } as unknown as KindAvailabilityStore;
import { CATALOG_DEFAULT_SELECTION, DataKind, SyncKind } from '@fittrack/contracts';
import { ConnectApi } from '@fittrack/garmin';
import { Lease, SyncCursor, SyncJob, UpsertSpec } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { JobContext } from '../../src/sync/job-context';
import { KindRun } from '../../src/sync/kinds/kind-syncer';

/** A Garmin that answers `getJson` from a table of paths; a path it was not given is an error, so a stray request fails the spec. */
export function fakeConnect(answers: Record<string, unknown>, methods: Record<string, (...args: never[]) => Promise<unknown>> = {}) {
  const calls: { path: string; query?: Record<string, unknown> }[] = [];
  const api = {
    ...methods,
    getJson: async (path: string, query?: Record<string, unknown>) => {
      calls.push({ path, query });
      if (!(path in answers)) throw new Error(`unexpected request ${path}`);
      return answers[path] ?? null;
    },
  } as unknown as ConnectApi;
  return { api, calls, paths: () => calls.map((c) => c.path) };
}

/** One write of a kind run: its table and rows, and which fenced transaction it belonged to. */
export interface Write {
  table: string;
  rows: readonly unknown[];
  transaction: number;
}

/**
 * A KindRun over fakes for unit specs of a syncer: progress writes succeed, `stored` answers the syncer's
 * reads (nothing stored by default), and every upsert is recorded with the transaction it ran in.
 */
export function fakeKindRun(
  kind: SyncKind,
  api: ConnectApi,
  options: { selection?: readonly DataKind[]; range?: KindRun['range']; cursor?: Partial<SyncCursor>; today?: string; stored?: (sql: string, params: unknown[]) => unknown[] } = {},
) {
  const manager = {
    query: async (sql: string, params: unknown[] = []) => (sql.trimStart().startsWith('UPDATE') ? [[{ id: 'job' }], 1] : (options.stored?.(sql, params) ?? [])),
  } as unknown as EntityManager;
  const job = { id: 'job', userId: 'user', kinds: [kind], byKind: {}, processedItems: 0, totalItems: null, progress: 0 } as unknown as SyncJob;
  const ctx = new JobContext(job, { userId: 'user', jobId: 'job', holder: 'spec', fence: '1' } as Lease, manager, 60_000, () => undefined);
  const writes: Write[] = [];
  let transactions = 0;
  const writer = (transaction: number) => async <R>(spec: UpsertSpec<R>, rows: readonly R[]) => {
    if (rows.length > 0) writes.push({ table: spec.table, rows, transaction });
    return rows.length;
  };
  const run: KindRun = {
    ctx,
    api,
    selection: new Set(options.selection ?? CATALOG_DEFAULT_SELECTION),
    // What is learned is the availability spec's subject; here every probe is remembered nowhere.
    availability: KindAvailability.nothingKnown(manager, ctx.lease, 'job', FORGETFUL_STORE),
    displayName: 'runner-1',
    profileId: 2591602,
    manager,
    today: options.today ?? '2026-05-02',
    range: options.range ?? null,
    cursor: options.cursor ? ({ userId: 'user', kind, ...options.cursor } as SyncCursor) : null,
    concurrency: 2,
    upsert: (spec, rows) => writer(++transactions)(spec, rows),
    together: (work) => work(writer(++transactions)),
  };
  return { run, ctx, writes, rowsOf: (table: string) => writes.filter((w) => w.table === table).flatMap((w) => w.rows) };
}
