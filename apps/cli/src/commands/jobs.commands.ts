import type { SyncJobView } from '@fittrack/contracts';
import { SingleBar } from 'cli-progress';
import { EventSource } from 'eventsource';
import { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

/** The job as the API answers it: the one job view of the contracts. */
export type JobView = SyncJobView;

const TERMINAL = ['completed', 'failed', 'cancelled'];

export async function startSync(api: ApiClient, term: Terminal, type: string, from?: string, to?: string, watch = false, kinds?: string): Promise<void> {
  const dataKinds = kinds?.split(',').map((kind) => kind.trim()).filter((kind) => kind.length > 0);
  const job = await api.authed<JobView>('POST', '/v1/sync', { types: [type], ...(from && { from }), ...(to && { to }), ...(dataKinds?.length && { dataKinds }) });
  if (!watch && term.json) return term.data(job);
  const already = job.status !== 'pending' || Date.now() - Date.parse(job.createdAt) > 5000;
  term.say(`${already ? 'A sync of the same data is already under way' : 'Sync started'}: job ${job.id} (${job.kinds.join(', ')}).`);
  if (watch) await watchJob(api, term, job.id);
}

export async function listJobs(api: ApiClient, term: Terminal, status?: string, page = 1): Promise<void> {
  const query = new URLSearchParams({ page: String(page), pageSize: '20', ...(status && { status }) });
  const list = await api.authed<{ items: JobView[]; total: number; page: number }>('GET', `/v1/sync/jobs?${query}`);
  if (term.json) return term.data(list);
  if (list.items.length === 0) return term.say('You have no sync jobs yet.');
  for (const job of list.items) {
    process.stdout.write(`${job.id}  ${job.status.padEnd(9)}  ${String(job.progress).padStart(3)}%  ${job.kinds.join(',').padEnd(26)}  ${job.createdAt}\n`);
  }
  term.say(`${list.items.length} of ${list.total} job${list.total === 1 ? '' : 's'} (page ${list.page}).`);
}

export async function showJob(api: ApiClient, term: Terminal, id: string): Promise<void> {
  const job = await api.authed<JobView>('GET', `/v1/sync/jobs/${encodeURIComponent(id)}`);
  if (term.json) return term.data(job);
  term.say(describe(job));
}

export async function cancelJob(api: ApiClient, term: Terminal, id: string): Promise<void> {
  const job = await api.authed<JobView>('POST', `/v1/sync/jobs/${encodeURIComponent(id)}/cancel`);
  if (term.json) return term.data(job);
  term.say(`Job ${job.id} is cancelled; what it stored is kept.`);
}

/** Follows a job's event stream to its end: a progress bar on a terminal, a line per change otherwise. */
export async function watchJob(api: ApiClient, term: Terminal, id: string): Promise<void> {
  await api.authed<JobView>('GET', `/v1/sync/jobs/${encodeURIComponent(id)}`); // 404 and sign-in problems, said plainly
  const token = await api.accessToken();
  const bar = term.colour ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} items | {kind} | {duration_formatted} elapsed, ETA {eta_formatted}', hideCursor: true }) : undefined;
  const started = Date.now();
  const last = await new Promise<JobView>((resolve, reject) => {
    let latest: JobView | undefined;
    const source = new EventSource(`${api.gateway}/v1/sync/jobs/${encodeURIComponent(id)}/events`, {
      fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } }),
    });
    const onJob = (event: MessageEvent) => {
      latest = JSON.parse(String(event.data)) as JobView;
      if (bar) {
        if (!bar.isActive) bar.start(latest.totalItems ?? 0, 0, { kind: '…' });
        bar.setTotal(latest.totalItems ?? 0);
        bar.update(latest.processedItems, { kind: latest.currentKind ?? latest.status });
      } else if (!term.json) {
        process.stdout.write(`${latest.status} ${latest.progress}% ${latest.processedItems}/${latest.totalItems ?? '?'}${latest.currentKind ? ` ${latest.currentKind}` : ''}\n`);
      }
      if (TERMINAL.includes(latest.status)) {
        source.close();
        resolve(latest);
      }
    };
    source.addEventListener('job', onJob);
    source.addEventListener('end', onJob);
    // The gateway stopped following the job before it ended: it was deleted, or this sign-in ended.
    source.addEventListener('gone', (event: MessageEvent) => {
      source.close();
      let said: { reason?: string; message?: string } = {};
      try {
        said = JSON.parse(String(event.data)) as typeof said;
      } catch {
        // a reason we cannot read: still stop, and say so plainly
      }
      const next = said.reason === 'session_ended' ? 'Sign in again with: garmin-sync login' : `See where it stands with: garmin-sync jobs show ${id}`;
      reject(new CliError(`Stopped watching job ${id}: ${said.message ?? 'the gateway ended the stream'}.`, next));
    });
    source.onerror = () => {
      if (latest && TERMINAL.includes(latest.status)) return;
      source.close();
      reject(new CliError('Lost the job’s event stream.', `See where it stands with: garmin-sync jobs show ${id}`));
    };
  });
  bar?.stop();
  if (term.json) term.data(last);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (last.status === 'completed') return term.say(`Job ${last.id} completed: ${last.processedItems} items in ${seconds} s.`);
  throw new CliError(`Job ${last.id} ended ${last.status}${last.error ? `: ${last.error.replace(/\.$/, '')}` : ''}.`, last.status === 'failed' ? 'See: garmin-sync whoami' : undefined);
}

function describe(job: JobView): string {
  const items = `${job.processedItems}/${job.totalItems ?? '?'} items`;
  const kind = job.currentKind ? `, now ${job.currentKind}` : '';
  const error = job.error ? `; ${job.error}` : '';
  const selection = `\nIt syncs: ${job.selection.length > 0 ? job.selection.join(', ') : 'nothing (no data kind of these is selected)'}.`;
  const archive = job.archive
    ? `\nArchive: ${job.archive.queued} days queued, ${job.archive.requested} reloads asked for, ${job.archive.done} reloaded days fetched, ${job.archive.remaining} still queued.`
    : '';
  return `Job ${job.id} is ${job.status} (${job.progress}%, ${items}${kind}) for ${job.kinds.join(', ')}${error}.${selection}${archive}`;
}
