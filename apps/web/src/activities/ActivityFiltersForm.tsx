import { FormEvent, useEffect, useState } from 'react';
import type { ActivityFilters } from '../api/activities';
import { typeLabel } from './format';
import { NO_FILTERS } from './remembered-filters';

/** Type and a range of days (the activity's own local day); applied together, so typing a date asks nothing yet. */
export function ActivityFiltersForm({ applied, types, onApply }: { applied: ActivityFilters; types: string[]; onApply: (filters: ActivityFilters) => void }) {
  const [draft, setDraft] = useState(applied);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setDraft(applied), [applied]);
  const filtered = applied.type !== '' || applied.from !== '' || applied.to !== '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) return setProblem('The first day must not be after the last day.');
    setProblem(null);
    onApply(draft);
  }

  const change = (field: keyof ActivityFilters) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });

  return (
    <form className="card activity-filters" onSubmit={submit} aria-label="Filter the activities">
      <label>
        Type
        <select name="type" value={draft.type} onChange={change('type')}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {typeLabel(type)}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" name="from" value={draft.from} onChange={change('from')} />
      </label>
      <label>
        To
        <input type="date" name="to" value={draft.to} onChange={change('to')} />
      </label>
      <div className="row filter-buttons">
        <button type="submit">Apply</button>
        {filtered && (
          <button type="button" className="secondary" onClick={() => onApply(NO_FILTERS)}>
            Clear
          </button>
        )}
      </div>
      {problem && (
        <p className="error-text filter-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
