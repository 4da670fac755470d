import type { ActivityDetailView, ActivityListItem, ActivityPage } from '@fittrack/contracts';
import { api, ApiError, refreshSession } from './client';

/** What the list asks for: every column it shows, and Garmin's list entry for the activity's own local start time. */
const LIST_FIELDS = 'name,type,startTime,startDateLocal,durationS,distanceM,averageHr,summary';

export const ACTIVITY_PAGE_SIZE = 20;

/** The filters of the list; an empty string is no filter. `from`/`to` bound the activity's local start day. */
export interface ActivityFilters {
  type: string;
  from: string;
  to: string;
}

export type ActivityRow = Partial<ActivityListItem> & { id: number };

/** GET /v1/activities (README, "Reading the data"): a page, newest first; `cursor` is the previous page's `nextCursor`. */
export function listActivities(filters: ActivityFilters, cursor: string | null, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.type) query.set('type', filters.type);
  if (cursor) query.set('cursor', cursor);
  query.set('limit', String(ACTIVITY_PAGE_SIZE));
  // The fields' commas are left as they are: legal in a query, and the gateway splits on them.
  return api<ActivityPage>('GET', `/v1/activities?${query}&fields=${LIST_FIELDS}`, { signal });
}

/**
 * The types of the user's newest 100 activities, the most one page may hold: the API has no list of the types a
 * user has, and these are the ones worth offering as a filter.
 */
export async function recentActivityTypes(signal?: AbortSignal): Promise<string[]> {
  const page = await api<ActivityPage>('GET', '/v1/activities?limit=100&fields=type', { signal });
  return page.items.flatMap((item) => (item.type ? [item.type] : []));
}

/** GET /v1/activities/:id: the activity with Garmin's summary, detail and parts (splits, zones …). */
export const getActivity = (id: string, signal?: AbortSignal) => api<ActivityDetailView>('GET', `/v1/activities/${encodeURIComponent(id)}`, { signal });

/** The original file as stored (FIT nearly always). */
export const activityFileUrl = (id: string) => `/v1/activities/${encodeURIComponent(id)}/file`;

export type ExportFormat = 'gpx' | 'tcx' | 'csv';

/** That file converted by the gateway. */
export const activityExportUrl = (id: string, format: ExportFormat) => `/v1/activities/${encodeURIComponent(id)}/export?format=${format}`;

/**
 * The activity as GPX text (the gateway's conversion of its FIT file). Not JSON, so not through `api`; the same
 * cookie session, one silent refresh on a 401, and the gateway's refusals as ApiError.
 */
export async function activityGpx(id: string, signal?: AbortSignal): Promise<string> {
  const path = activityExportUrl(id, 'gpx');
  let response = await get(path, signal);
  if (response.status === 401 && (await refreshSession())) response = await get(path, signal);
  const text = await response.text();
  if (response.ok) return text;
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not the gateway's JSON (a proxy's page): the status says enough.
  }
  const message = typeof body['message'] === 'string' ? body['message'] : `The server answered ${response.status}.`;
  throw new ApiError(response.status, message, typeof body['code'] === 'string' ? body['code'] : undefined, body, null);
}

async function get(path: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(path, { method: 'GET', headers: { accept: 'application/gpx+xml' }, credentials: 'same-origin', signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw ApiError.unreachable();
  }
}
