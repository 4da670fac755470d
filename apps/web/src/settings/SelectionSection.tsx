import type { SyncSelectionView } from '@fittrack/contracts';
import { getSelection } from '../api/selection';
import { SectionProblem } from './SectionProblem';
import { SelectionForm } from './SelectionForm';
import { useResource } from './useResource';

/** Which data kinds the syncs bring in: the deployment's default or the user's own choice. */
export function SelectionSection() {
  const selection = useResource<SyncSelectionView>(getSelection, 'What is synced could not be loaded.');
  return (
    <section className="card stack" aria-labelledby="selection-title">
      <h2 id="selection-title">What is synced</h2>
      {selection.problem && <SectionProblem message={selection.problem} onRetry={() => void selection.reload()} />}
      {selection.data === null && !selection.problem && <p className="muted">Loading…</p>}
      {selection.data?.catalog.length === 0 && <p className="empty">This server offers no kinds of data to choose from.</p>}
      {selection.data && selection.data.catalog.length > 0 && <SelectionForm view={selection.data} onChanged={(view) => selection.setData(() => view)} />}
    </section>
  );
}

