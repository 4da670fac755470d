import { EntityManager } from 'typeorm';
import { ChangeEventsOf, ChangeEventSpec, changeEventColumns, changeEventInsert } from './change-events';

/** PostgreSQL's limit on bind parameters in one statement. */
export const MAX_BIND_PARAMETERS = 65_535;

export interface UpsertSpec<R> {
  table: string;
  /** Column names, in the order `values` gives them. */
  columns: readonly string[];
  /** The natural key: ON CONFLICT target. */
  key: readonly string[];
  /** Columns to overwrite on conflict (the rest keep their stored value). */
  update: readonly string[];
  values: (row: R) => unknown[];
  /** SQL casts per column where a parameter needs one (e.g. `jsonb`). */
  casts?: Partial<Record<string, string>>;
  /** Set `updated_at = now()` on a changed row (for tables that have the column). */
  touch?: boolean;
  /** The table's change events (tables with a `version` column): each changed row bumps it and writes one. */
  events?: ChangeEventSpec;
}

export interface UpsertOptions {
  chunkRows?: number;
  /** Write the spec's change events (in the same statement, so in the caller's transaction). */
  changeEvents?: ChangeEventsOf;
}

/**
 * Batched multi-row INSERT … ON CONFLICT DO UPDATE, chunked so no statement
 * passes PostgreSQL's bind-parameter limit. A row is updated only when it
 * really changed (IS DISTINCT FROM on the updated columns), so re-syncing
 * unchanged data writes no dead tuples and no events. With change events, the
 * same statement bumps each changed row's `version` and inserts one outbox
 * row per changed row (a data-modifying CTE): data and event commit together
 * or not at all. Returns the number of rows inserted or changed.
 */
export async function upsertRows<R>(manager: EntityManager, spec: UpsertSpec<R>, rows: readonly R[], options: UpsertOptions = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const events = options.changeEvents && spec.events;
  const width = spec.columns.length;
  const room = Math.floor((MAX_BIND_PARAMETERS - (events ? 1 : 0)) / width);
  const perChunk = Math.max(1, Math.min(options.chunkRows ?? 5000, room));
  const columns = spec.columns.map((c) => `"${c}"`).join(', ');
  const assignments = [
    ...spec.update.map((c) => `"${c}" = EXCLUDED."${c}"`),
    ...(spec.touch ? ['"updated_at" = now()'] : []),
    ...(events ? ['"version" = t."version" + 1'] : []),
  ];
  const changed = spec.update.map((c) => `t."${c}" IS DISTINCT FROM EXCLUDED."${c}"`).join(' OR ');
  const returning = events ? [...changeEventColumns(events).map((c) => `t."${c}"`), 't."version"', '(t.xmax = 0) AS "inserted"'].join(', ') : '1';
  let written = 0;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => {
      const values = spec.values(row);
      const placeholders = values.map((value, i) => {
        parameters.push(value);
        const cast = spec.casts?.[spec.columns[i]];
        return cast ? `$${parameters.length}::${cast}` : `$${parameters.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const upsert = `INSERT INTO "${spec.table}" AS t (${columns}) VALUES ${tuples.join(', ')}
       ON CONFLICT (${spec.key.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ${assignments.join(', ')}
       WHERE ${changed || 'false'}
       RETURNING ${returning}`;
    if (events && options.changeEvents) {
      parameters.push(options.changeEvents.jobId);
      const [{ n }]: { n: number }[] = await manager.query(
        `WITH c AS (${upsert}), e AS (${changeEventInsert(events, `$${parameters.length}`)} RETURNING 1) SELECT count(*)::int AS n FROM e`,
        parameters,
      );
      written += n;
    } else {
      const result: unknown[] = await manager.query(upsert, parameters);
      written += result.length;
    }
  }
  return written;
}
