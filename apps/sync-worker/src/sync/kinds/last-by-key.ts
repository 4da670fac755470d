import { upsertRows, UpsertOptions, UpsertSpec } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';

/**
 * One item per key, the last one seen winning (at the place its key first appeared). Garmin's
 * pages can repeat an item across a page boundary (an activity uploaded while we list shifts the
 * offsets), and one multi-row INSERT … ON CONFLICT DO UPDATE naming a key twice fails with
 * "ON CONFLICT DO UPDATE command cannot affect row a second time".
 */
export function lastByKey<T>(items: readonly T[], keyOf: (item: T) => string | number): T[] {
  const byKey = new Map<string | number, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return byKey.size === items.length ? [...items] : [...byKey.values()];
}

const keyPart = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** The rows of one upsert, one per natural key (spec.key) as PostgreSQL compares them, the last winning. */
export function uniqueRows<R>(spec: UpsertSpec<R>, rows: readonly R[]): readonly R[] {
  if (rows.length < 2) return rows;
  const at = spec.key.map((column) => spec.columns.indexOf(column));
  return lastByKey(rows, (row) => {
    const values = spec.values(row);
    return at.map((i) => keyPart(values[i])).join('\u0000');
  });
}

/**
 * Every multi-row upsert of the syncers goes through here, so no batch names a key twice.
 * (Its place is persistence's upsertRows, which owns the ON CONFLICT statement.)
 */
export function upsertUnique<R>(manager: EntityManager, spec: UpsertSpec<R>, rows: readonly R[], options: UpsertOptions = {}): Promise<number> {
  return upsertRows(manager, spec, uniqueRows(spec, rows), options);
}
