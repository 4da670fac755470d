import type { SyncJobView, SyncKind } from '@fittrack/contracts';
import { FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { startSync } from '../api/sync';
import { Alert } from '../ui/Alert';
import { addDays, today } from '../ui/dates';
import { KIND_LABELS, SYNC_KIND_ORDER } from './labels';

/**
 * Start a sync: which kinds of data, and a range of days, or none for "what is new since the last sync" (a first
 * sync backfills the deployment's default span).
 */
export function SyncForm({ onStarted }: { onStarted: (job: SyncJobView) => void }) {
  const [kinds, setKinds] = useState<Set<SyncKind>>(new Set(SYNC_KIND_ORDER));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = today();

  const toggle = (kind: SyncKind) =>
    setKinds((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    if (kinds.size === 0) return setProblem('Choose at least one kind of data to sync.');
    if ((from === '') !== (to === '')) return setProblem('Give both the first and the last day, or neither for everything new.');
    if (from > to) return setProblem('The first day must not be after the last day.');
    setBusy(true);
    setProblem(null);
    try {
      const types = kinds.size === SYNC_KIND_ORDER.length ? (['all'] as const) : [...kinds];
      onStarted(await startSync({ types: [...types], ...(from && { from, to }) }));
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'The sync could not be started. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="sync-form-title">
      <h2 id="sync-form-title">Sync now</h2>
      {problem && <Alert tone="error">{problem}</Alert>}
      <fieldset className="row wrap">
        <legend>What to sync</legend>
        {SYNC_KIND_ORDER.map((kind) => (
          <label key={kind} className="check">
            <input type="checkbox" name="kinds" value={kind} checked={kinds.has(kind)} onChange={() => toggle(kind)} />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <fieldset className="row wrap">
        <legend>Days (leave empty for everything new)</legend>
        <label>
          From
          <input type="date" name="from" max={latest} min={addDays(latest, -3650)} />
        </label>
        <label>
          To
          <input type="date" name="to" max={latest} />
        </label>
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? 'Starting…' : 'Start sync'}
      </button>
    </form>
  );
}
