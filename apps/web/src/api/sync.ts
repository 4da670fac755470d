import type { SyncJobView, SyncType } from '@fittrack/contracts';
import { api } from './client';

export interface JobPage {
  items: SyncJobView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface SyncRequest {
  types: SyncType[];
  from?: string;
  to?: string;
}

export const startSync = (request: SyncRequest) => api<SyncJobView>('POST', '/v1/sync', { body: request });

export const listJobs = (page = 1, pageSize = 20) => api<JobPage>('GET', `/v1/sync/jobs?page=${page}&pageSize=${pageSize}`);

export const cancelJob = (id: string) => api<SyncJobView>('POST', `/v1/sync/jobs/${encodeURIComponent(id)}/cancel`);

export type JobStreamEvent = { type: 'job' | 'end'; job: SyncJobView } | { type: 'gone'; reason: string; message: string };

/**
 * GET /v1/sync/jobs/:id/events (README, "Watching a job"): the job now and on every change, then `end`; `gone` when
 * the job or the session is no more. The session cookie goes along (same origin). EventSource reconnects by itself
 * when a gateway replica goes away; the stream starts again from the job's row. Returns the way to stop watching.
 */
export function watchJob(id: string, onEvent: (event: JobStreamEvent) => void): () => void {
  const source = new EventSource(`/v1/sync/jobs/${encodeURIComponent(id)}/events`);
  const job = (type: 'job' | 'end') => (message: MessageEvent<string>) => {
    onEvent({ type, job: JSON.parse(message.data) as SyncJobView });
    if (type === 'end') source.close();
  };
  source.addEventListener('job', job('job'));
  source.addEventListener('end', job('end'));
  source.addEventListener('gone', (message: MessageEvent<string>) => {
    const { reason, message: text } = JSON.parse(message.data) as { reason: string; message: string };
    onEvent({ type: 'gone', reason, message: text });
    source.close();
  });
  return () => source.close();
}
