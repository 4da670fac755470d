import { ActivityDetailView, ActivityPage, DATA_READ_LIMITS, HEALTH_METRICS, HealthMetricView } from '@fittrack/contracts';
import { ApiClient } from '../api-client';
import { dayRangeOf, daysOf } from '../day-range';
import { sparkline } from '../sparkline';
import { Terminal } from '../terminal';
import { activityIdArg } from './download.commands';


export interface ActivityFilter {
  from?: string;
  to?: string;
  type?: string;
  /** At most this many (every page is followed until then). */
  limit?: number;
}

/** `garmin-sync activities`: the stored activities, newest first, every page followed; a table, or JSON for scripts. */
export async function listActivities(api: ApiClient, term: Terminal, filter: ActivityFilter): Promise<void> {
  const items: ActivityPage['items'] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(Math.min(DATA_READ_LIMITS.activityPageMax, (filter.limit ?? Infinity) - items.length)) });
    if (filter.from) query.set('from', filter.from);
    if (filter.to) query.set('to', filter.to);
    if (filter.type) query.set('type', filter.type);
    if (cursor) query.set('cursor', cursor);
    const page: ActivityPage = await api.authed<ActivityPage>('GET', `/v1/activities?${query}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < (filter.limit ?? Infinity));
  if (term.json) return term.data(items);
  if (items.length === 0) return term.say('No activities stored for that. Sync them with: garmin-sync sync activities');
  const rows = items.map((a) => [a.startDateLocal ?? '', String(a.id), a.type ?? '', a.name ?? '', km(a.distanceM), duration(a.durationS), a.averageHr ? String(a.averageHr) : '']);
  process.stdout.write(table(['date', 'id', 'type', 'name', 'km', 'time', 'avg hr'], rows));
  term.say(`${items.length} activit${items.length === 1 ? 'y' : 'ies'}.`);
}

/** `garmin-sync activity ID`: one activity in detail. */
export async function showActivity(api: ApiClient, term: Terminal, id: string): Promise<void> {
  activityIdArg(id);
  const activity = await api.authed<ActivityDetailView>('GET', `/v1/activities/${id}`);
  if (term.json) return term.data(activity);
  const lines: [string, string][] = [
    ['id', String(activity.id)],
    ['name', activity.name ?? ''],
    ['type', activity.type ?? ''],
    ['start', activity.startTime ?? ''],
    ['day', activity.startDateLocal ?? ''],
    ['distance', activity.distanceM === null ? '' : `${km(activity.distanceM)} km`],
    ['duration', duration(activity.durationS)],
    ['calories', activity.calories === null ? '' : String(activity.calories)],
    ['average hr', activity.averageHr === null ? '' : String(activity.averageHr)],
    ['parts', Object.keys(activity.parts).join(', ') || 'none stored'],
    ['synced', activity.syncedAt],
  ];
  process.stdout.write(lines.map(([key, value]) => `${`${key}:`.padEnd(12)} ${value}`).join('\n') + '\n');
}

/**
 * `garmin-sync health METRIC`: a metric's headline value per day over the range, with a sparkline of them (a
 * space for a day without data). The range is the last 30 days ending today unless given.
 */
export async function showHealth(api: ApiClient, term: Terminal, metric: string, from: string | undefined, to: string | undefined): Promise<void> {
  const range = dayRangeOf(from, to);
  const view = await api.authed<HealthMetricView>('GET', `/v1/health/${encodeURIComponent(metric)}?${new URLSearchParams({ from: range.from, to: range.to })}`);
  if (term.json) return term.data(view);
  if (view.days.length === 0) return term.say(`No ${view.metric} stored from ${view.from} to ${view.to}. Sync it with: garmin-sync sync health --kinds ${view.metric}`);
  const byDay = new Map(view.days.map((d) => [d.date, d.value]));
  const series = daysOf(view).map((day) => byDay.get(day) ?? null);
  process.stdout.write(view.days.map((d) => `${d.date}  ${d.value ?? '-'}`).join('\n') + '\n');
  process.stdout.write(`${view.from} ${sparkline(series)} ${view.to}\n`);
  term.say(`${view.metric}: ${view.days.length} of ${series.length} days.`);
}

/** `health --help`'s list of the metrics, from the contracts' catalog, wrapped for a terminal. */
export function healthHelp(): string {
  const lines: string[] = [];
  for (const metric of HEALTH_METRICS) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + metric.length < 88) lines[lines.length - 1] = `${last}, ${metric}`;
    else lines.push(`  ${metric}`);
  }
  return (
    `\nMetrics (an unknown one is answered with the gateway's list of them, exit 2):\n${lines.join(',\n')}\n\n` +
    'The sparkline has one character per day of the range, ▁ the lowest value and █ the highest;\na day without a value is a space.'
  );
}

function km(metres: number | null | undefined): string {
  return metres === null || metres === undefined ? '' : (metres / 1000).toFixed(2);
}

function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
