import { useCallback, useEffect, useRef, useState } from 'react';
import { ActivityFilters, ActivityRow, listActivities } from '../api/activities';
import { ApiError } from '../api/client';

export interface ActivityList {
  /** null until the first page of these filters is in. */
  items: ActivityRow[] | null;
  nextCursor: string | null;
  problem: string | null;
  loadingMore: boolean;
  moreProblem: string | null;
}

const problemOf = (error: unknown) => (error instanceof ApiError ? error.message : 'The activities could not be loaded.');

/**
 * The list for the given filters, a page at a time: the first page whenever the filters change, the next with
 * `more` (the cursor is bound to the filters it came with). A request is aborted as soon as another one starts,
 * so a slow answer to old filters never shows.
 */
export function useActivityList(filters: ActivityFilters) {
  const [list, setList] = useState<ActivityList>({ items: null, nextCursor: null, problem: null, loadingMore: false, moreProblem: null });
  const inFlight = useRef<AbortController | null>(null);
  const { type, from, to } = filters;

  const load = useCallback(
    async (cursor: string | null) => {
      inFlight.current?.abort();
      const request = new AbortController();
      inFlight.current = request;
      setList((current) => (cursor ? { ...current, loadingMore: true, moreProblem: null } : { items: null, nextCursor: null, problem: null, loadingMore: false, moreProblem: null }));
      try {
        const page = await listActivities({ type, from, to }, cursor, request.signal);
        if (request.signal.aborted) return;
        setList((current) => ({
          items: cursor ? [...(current.items ?? []), ...page.items] : page.items,
          nextCursor: page.nextCursor,
          problem: null,
          loadingMore: false,
          moreProblem: null,
        }));
      } catch (error) {
        if (request.signal.aborted) return;
        setList((current) => (cursor ? { ...current, loadingMore: false, moreProblem: problemOf(error) } : { ...current, problem: problemOf(error) }));
      }
    },
    [type, from, to],
  );

  useEffect(() => {
    void load(null);
    return () => inFlight.current?.abort();
  }, [load]);

  return { ...list, reload: () => load(null), more: () => (list.nextCursor ? load(list.nextCursor) : Promise.resolve()) };
}
