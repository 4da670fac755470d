import { useEffect, useMemo, useState } from 'react';
import { ActivityRow, recentActivityTypes } from '../api/activities';
import { typeLabel } from './format';

/**
 * The types to filter by: those of the user's newest 100 activities, of every page shown since, and the one
 * chosen (so a choice never vanishes from its own list). Sorted by their names.
 */
export function useActivityTypes(items: ActivityRow[] | null, chosen: string): string[] {
  const [recent, setRecent] = useState<string[]>([]);
  const [seen, setSeen] = useState<string[]>([]);

  useEffect(() => {
    const request = new AbortController();
    // A failure here leaves the types of the pages shown: the list's own read says what went wrong.
    recentActivityTypes(request.signal).then(setRecent, () => undefined);
    return () => request.abort();
  }, []);

  useEffect(() => {
    const types = (items ?? []).flatMap((item) => (item.type ? [item.type] : []));
    setSeen((current) => (types.every((type) => current.includes(type)) ? current : [...new Set([...current, ...types])]));
  }, [items]);

  return useMemo(
    () => [...new Set([...recent, ...seen, ...(chosen ? [chosen] : [])])].sort((a, b) => typeLabel(a).localeCompare(typeLabel(b))),
    [recent, seen, chosen],
  );
}
