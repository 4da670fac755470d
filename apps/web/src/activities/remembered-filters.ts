import type { ActivityFilters } from '../api/activities';

const KEY = 'fittrack.activityFilters';

export const NO_FILTERS: ActivityFilters = { type: '', from: '', to: '' };

/**
 * The list's filters outlive the page for the tab's life (sessionStorage, not a secret), so coming back from an
 * activity shows the same list: the app's routes have no query string to keep them in.
 */
export function rememberedFilters(): ActivityFilters {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<ActivityFilters> | null;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return saved ? { type: text(saved.type), from: text(saved.from), to: text(saved.to) } : NO_FILTERS;
  } catch {
    return NO_FILTERS;
  }
}

export function rememberFilters(filters: ActivityFilters): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(filters));
  } catch {
    // Storage refused (private mode, quota): the filters just do not outlive the page.
  }
}
