import { useState } from 'react';
import type { ActivityFilters } from '../api/activities';
import { Alert } from '../ui/Alert';
import './activities.css';
import { ActivityFiltersForm } from './ActivityFiltersForm';
import { ActivityTable } from './ActivityTable';
import { rememberedFilters, rememberFilters } from './remembered-filters';
import { useActivityList } from './useActivityList';
import { useActivityTypes } from './useActivityTypes';

/** The user's activities, newest first, filtered by type and days, a page at a time. */
export function ActivitiesPage() {
  const [filters, setFilters] = useState(rememberedFilters);
  const list = useActivityList(filters);
  const types = useActivityTypes(list.items, filters.type);
  const filtered = filters.type !== '' || filters.from !== '' || filters.to !== '';

  function apply(next: ActivityFilters) {
    rememberFilters(next);
    setFilters(next);
  }

  return (
    <main className="page stack activity-pages" aria-labelledby="activities-title">
      <h1 id="activities-title">Activities</h1>
      <ActivityFiltersForm applied={filters} types={types} onApply={apply} />
      {list.problem && (
        <Alert tone="error">
          {list.problem}{' '}
          <button type="button" className="link" onClick={() => void list.reload()}>
            Try again
          </button>
        </Alert>
      )}
      {list.items === null && !list.problem && <p className="muted">Loading activities…</p>}
      {list.items?.length === 0 &&
        (filtered ? (
          <p className="empty">No activities match these filters.</p>
        ) : (
          <p className="empty">
            No activities yet. <a href="#/sync">Sync your Garmin data</a> to bring them in.
          </p>
        ))}
      {list.items && list.items.length > 0 && (
        <>
          <ActivityTable items={list.items} />
          <p className="muted" role="status">
            {shownText(list.items.length, list.nextCursor !== null, filtered)}
          </p>
        </>
      )}
      {list.moreProblem && (
        <Alert tone="error">
          {list.moreProblem}{' '}
          <button type="button" className="link" onClick={() => void list.more()}>
            Try again
          </button>
        </Alert>
      )}
      {list.nextCursor && !list.moreProblem && (
        <div>
          <button type="button" className="secondary" onClick={() => void list.more()} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Show more'}
          </button>
        </div>
      )}
    </main>
  );
}

/** How much of the list is on the page, said after every page (a screen reader hears "Show more" worked). */
function shownText(count: number, more: boolean, filtered: boolean): string {
  if (more) return `Showing the newest ${count}${filtered ? ' that match' : ''}.`;
  const noun = count === 1 ? 'activity' : 'activities';
  return filtered ? `${count} ${noun} ${count === 1 ? 'matches' : 'match'} these filters.` : `${count} ${noun} in all.`;
}
