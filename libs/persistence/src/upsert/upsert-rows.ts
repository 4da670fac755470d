import { EntityManager } from 'typeorm';

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
}

/**
 * Batched multi-row INSERT … ON CONFLICT DO UPDATE, chunked so no statement
 * passes PostgreSQL's bind-parameter limit. `updated_at` moves only when a
 * row really changed (IS DISTINCT FROM), so re-syncing unchanged data writes
 * no dead tuples. Returns the number of rows inserted or changed.
 */
export async function upsertRows<R>(manager: EntityManager, spec: UpsertSpec<R>, rows: readonly R[], chunkRows = 5000): Promise<number> {
  if (rows.length === 0) return 0;
  const width = spec.columns.length;
  const perChunk = Math.max(1, Math.min(chunkRows, Math.floor(MAX_BIND_PARAMETERS / width)));
  const columns = spec.columns.map((c) => `"${c}"`).join(', ');
  const assignments = spec.update.map((c) => `"${c}" = EXCLUDED."${c}"`);
  const changed = spec.update.map((c) => `t."${c}" IS DISTINCT FROM EXCLUDED."${c}"`).join(' OR ');
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
    const result: unknown[] = await manager.query(
      `INSERT INTO "${spec.table}" AS t (${columns}) VALUES ${tuples.join(', ')}
       ON CONFLICT (${spec.key.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ${[
         ...assignments,
         ...(spec.touch ? ['"updated_at" = now()'] : []),
       ].join(', ')}
       WHERE ${changed || 'false'}
       RETURNING 1`,
      parameters,
    );
    written += result.length;
  }
  return written;
}
