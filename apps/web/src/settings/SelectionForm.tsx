import type { DataKind, SyncSelectionView } from '@fittrack/contracts';
import { FormEvent, useMemo, useRef, useState } from 'react';
import { resetSelection, saveSelection } from '../api/selection';
import { KIND_LABELS } from '../sync/labels';
import { Alert } from '../ui/Alert';
import { ConfirmButton } from './ConfirmButton';
import { KindGroup } from './KindGroup';
import { problemOf } from './problem';
import { groupsOf, inCatalogOrder, sameKinds } from './selection-model';

/** The checkboxes, saved as the user's own selection, or dropped for the deployment's default. */
export function SelectionForm({ view, onChanged }: { view: SyncSelectionView; onChanged: (view: SyncSelectionView) => void }) {
  const [chosen, setChosen] = useState<Set<DataKind>>(() => new Set(view.effective));
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After going back to the default its button is gone: the focus goes to the summary, which says what is synced now.
  const summary = useRef<HTMLParagraphElement>(null);
  const deploymentDefault = useMemo(() => new Set(view.default), [view.default]);
  const absent = useMemo(() => new Map(view.absent.map((entry) => [entry.kind, entry])), [view.absent]);
  const changed = !sameKinds(chosen, view.effective);

  function edit(update: (next: Set<DataKind>) => void) {
    setNotice(null);
    setChosen((current) => {
      const next = new Set(current);
      update(next);
      return next;
    });
  }
  const toggle = (kind: DataKind) => edit((next) => (next.has(kind) ? next.delete(kind) : next.add(kind)));
  const setAll = (kinds: DataKind[], on: boolean) => edit((next) => kinds.forEach((kind) => (on ? next.add(kind) : next.delete(kind))));

  async function apply(change: () => Promise<SyncSelectionView>, done: string): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      const next = await change();
      onChanged(next);
      setChosen(new Set(next.effective));
      setNotice(done);
      return true;
    } catch (error) {
      setProblem(problemOf(error, 'The selection could not be saved. Please try again.'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  function save(event: FormEvent) {
    event.preventDefault();
    if (chosen.size === 0) return setProblem('Choose at least one kind of data, or go back to the default.');
    return apply(() => saveSelection(inCatalogOrder(view, chosen)), 'Saved. The next sync brings in these kinds.');
  }

  async function reset() {
    if (await apply(resetSelection, 'Back to the default. The next sync brings in its kinds.')) summary.current?.focus();
  }

  return (
    <form className="stack" onSubmit={(event) => void save(event)} aria-describedby="selection-summary">
      <p className="muted" id="selection-summary" ref={summary} tabIndex={-1}>
        {view.override === null ? 'You sync this server’s default' : 'You chose your own selection'}: {view.effective.length} of {view.catalog.length} kinds. A sync already
        under way keeps the kinds it started with.
      </p>
      {view.absent.length > 0 && (
        <p className="muted">
          Kinds marked “no data from your devices” are ones a sync found your devices do not record: syncs skip them until a new device appears or a few weeks have passed.
        </p>
      )}
      {groupsOf(view.catalog).map(([group, kinds]) => (
        <KindGroup key={group} legend={KIND_LABELS[group]} kinds={kinds} chosen={chosen} deploymentDefault={deploymentDefault} absent={absent} onToggle={toggle} onSetAll={setAll} />
      ))}
      {problem && <Alert tone="error">{problem}</Alert>}
      {notice && <Alert tone="info">{notice}</Alert>}
      <div className="row wrap">
        <button type="submit" disabled={busy || !changed}>
          {busy ? 'Saving…' : 'Save selection'}
        </button>
        {changed && (
          <button type="button" className="secondary" disabled={busy} onClick={() => (setChosen(new Set(view.effective)), setProblem(null))}>
            Undo changes
          </button>
        )}
        {view.override !== null && (
          <ConfirmButton
            label="Back to the default"
            question="Go back to this server’s default selection? Your own choice is forgotten."
            confirmLabel="Use the default"
            onConfirm={reset}
          />
        )}
      </div>
    </form>
  );
}
