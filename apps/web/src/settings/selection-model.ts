import type { CatalogKindView, DataKind, SyncKind, SyncSelectionView } from '@fittrack/contracts';

/** The catalog's kinds by job-level kind, both in the catalog's own order. */
export function groupsOf(catalog: readonly CatalogKindView[]): [SyncKind, CatalogKindView[]][] {
  const groups = new Map<SyncKind, CatalogKindView[]>();
  for (const entry of catalog) groups.set(entry.group, [...(groups.get(entry.group) ?? []), entry]);
  return [...groups];
}

export const sameKinds = (chosen: ReadonlySet<DataKind>, kinds: readonly DataKind[]) => chosen.size === kinds.length && kinds.every((kind) => chosen.has(kind));

/** What to send: the chosen kinds in catalog order, so a saved selection reads the same way every time. */
export const inCatalogOrder = (view: SyncSelectionView, chosen: ReadonlySet<DataKind>): DataKind[] => view.catalog.map((entry) => entry.kind).filter((kind) => chosen.has(kind));
