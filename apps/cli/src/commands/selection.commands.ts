import type { SyncArchiveView, SyncSelectionView } from '@fittrack/contracts';
import { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

/** `garmin-sync selection`: what is synced, and whether it is the deployment's default or the user's own. */
export async function showSelection(api: ApiClient, term: Terminal): Promise<void> {
  const view = await api.authed<SyncSelectionView>('GET', '/v1/sync/selection');
  if (term.json) return term.data(view);
  term.say(describeSelection(view));
}

/** `garmin-sync selection set a,b,c`: the gateway checks the names (and lists the good ones when one is not). */
export async function setSelection(api: ApiClient, term: Terminal, list: string): Promise<void> {
  const kinds = list.split(',').map((kind) => kind.trim()).filter((kind) => kind.length > 0);
  if (kinds.length === 0) throw CliError.usage('Name at least one data kind, e.g. garmin-sync selection set sleep,steps (garmin-sync selection lists them).');
  const view = await api.authed<SyncSelectionView>('PUT', '/v1/sync/selection', { kinds });
  if (term.json) return term.data(view);
  term.say(`From the next sync on: ${view.effective.join(', ')}.`);
}

/** `garmin-sync selection reset`: back to the deployment's default. */
export async function resetSelection(api: ApiClient, term: Terminal): Promise<void> {
  const view = await api.authed<SyncSelectionView>('DELETE', '/v1/sync/selection');
  if (term.json) return term.data(view);
  term.say(`Back to the default: ${view.effective.join(', ')}.`);
}

/** `garmin-sync archive`: the days Garmin archived that are waiting for a reload. */
export async function showArchive(api: ApiClient, term: Terminal): Promise<void> {
  const view = await api.authed<SyncArchiveView>('GET', '/v1/sync/archive');
  if (term.json) return term.data(view);
  const next = view.nextDates.length > 0 ? `; next: ${view.nextDates.join(', ')}` : '';
  const today = `${view.requestedToday} of ${view.budget} reloads asked for today${view.exhaustedToday ? ' (Garmin said enough for today)' : ''}`;
  term.say(`Archived days: ${view.queued} queued, ${view.requested} requested, ${view.done} done; ${today}${next}.`);
}

function describeSelection(view: SyncSelectionView): string {
  const whose = view.override ? 'your own selection' : 'the default of this deployment';
  const lines = [`Synced (${whose}): ${view.effective.join(', ')}.`];
  const off = view.catalog.filter((entry) => !view.effective.includes(entry.kind)).map((entry) => entry.kind);
  if (off.length > 0) lines.push(`Not synced: ${off.join(', ')}.`);
  if (view.absent.length > 0) lines.push(`Your devices do not produce (not asked for): ${view.absent.map((a) => a.kind).join(', ')}.`);
  lines.push(view.override ? 'Change it with: garmin-sync selection set a,b,c; back to the default with: garmin-sync selection reset' : 'Choose your own with: garmin-sync selection set a,b,c');
  return lines.join('\n');
}
