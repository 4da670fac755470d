import type { SyncJobView } from '@fittrack/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { cancelJob, JobPage, listJobs } from '../api/sync';
import { Alert } from '../ui/Alert';
import { JobCard } from './JobCard';
import { SyncForm } from './SyncForm';

/** Start a sync, follow the open ones live, and read the history with its errors. */
export function SyncPage() {
  const [page, setPage] = useState<JobPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPage(await listJobs());
      setProblem(null);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'The jobs could not be loaded.');
    }
  }, []);

  useEffect(() => void load(), [load]);

  const started = (job: SyncJobView) => setPage((current) => ({ items: [job, ...(current?.items ?? []).filter((j) => j.id !== job.id)], page: 1, pageSize: 20, total: (current?.total ?? 0) + 1 }));

  async function cancel(job: SyncJobView) {
    try {
      await cancelJob(job.id);
    } catch (error) {
      // 409: it ended meanwhile; the reload shows how.
      if (!(error instanceof ApiError && error.status === 409)) setProblem(error instanceof ApiError ? error.message : 'The job could not be cancelled.');
    }
    await load();
  }

  return (
    <main className="page stack" aria-labelledby="sync-title">
      <h1 id="sync-title">Sync</h1>
      <SyncForm onStarted={started} />
      <section aria-labelledby="jobs-title" className="stack">
        <h2 id="jobs-title">Jobs</h2>
        {problem && (
          <Alert tone="error">
            {problem}{' '}
            <button type="button" className="link" onClick={() => void load()}>
              Try again
            </button>
          </Alert>
        )}
        {page === null && !problem && <p className="muted">Loading…</p>}
        {page?.items.length === 0 && <p className="empty">No syncs yet. Start one above: the first one brings in your history.</p>}
        {page?.items.map((job) => <JobCard key={job.id} job={job} onCancel={cancel} />)}
      </section>
    </main>
  );
}
