import { CATALOG_DEFAULT_SELECTION, DATA_KIND_CATALOG, DATA_KINDS, DataKind, isDataKind } from './data-kinds';
import { SyncKind } from './sync-type';

/**
 * Which data kinds are synced. A deployment's default (SYNC_DEFAULT_SELECTION), a user's override of it,
 * and each job's own selection (what it syncs, fixed when it is made) are all lists of catalog names, kept
 * in catalog order so that two equal selections are equal lists.
 */

/** The kinds, in catalog order, without repeats. */
export function inCatalogOrder(kinds: Iterable<DataKind>): DataKind[] {
  const wanted = new Set(kinds);
  return DATA_KINDS.filter((kind) => wanted.has(kind));
}

/** The names that are not catalog kinds, in the order given. */
export function unknownDataKinds(names: readonly string[]): string[] {
  return names.filter((name) => !isDataKind(name));
}

/** The kinds of a selection that belong to the job's groups. */
export function selectionOf(selection: readonly DataKind[], groups: readonly SyncKind[]): DataKind[] {
  return inCatalogOrder(selection.filter((kind) => groups.includes(DATA_KIND_CATALOG[kind].group)));
}

/** What a job made before jobs stored their selection syncs: the catalog's default kinds of its groups. */
export function defaultSelectionOf(groups: readonly SyncKind[]): DataKind[] {
  return selectionOf(CATALOG_DEFAULT_SELECTION, groups);
}

export type SelectionSetting = { ok: true; kinds: DataKind[] } | { ok: false; problem: string };

/**
 * A selection as configured: `default` (the catalog's byDefault kinds), `all`, or comma-separated catalog
 * names (spaces allowed around them). The problem names every bad name.
 */
export function parseSelectionSetting(value: string): SelectionSetting {
  const trimmed = value.trim();
  if (trimmed === 'default') return { ok: true, kinds: [...CATALOG_DEFAULT_SELECTION] };
  if (trimmed === 'all') return { ok: true, kinds: [...DATA_KINDS] };
  const names = trimmed.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) return { ok: false, problem: 'names no data kind (give `default`, `all` or comma-separated kinds)' };
  const unknown = unknownDataKinds(names);
  if (unknown.length > 0) {
    return { ok: false, problem: `names ${unknown.map((n) => `"${n}"`).join(', ')}, not ${unknown.length === 1 ? 'a data kind' : 'data kinds'} (known: ${DATA_KINDS.join(', ')})` };
  }
  return { ok: true, kinds: inCatalogOrder(names as DataKind[]) };
}
