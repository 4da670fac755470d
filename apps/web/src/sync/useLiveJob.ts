import type { SyncJobView } from '@fittrack/contracts';
import { useEffect, useState } from 'react';
import { watchJob } from '../api/sync';
import { isOpen } from './labels';

/** A job as it is now: the given view, then every later one the gateway pushes while the job is open. */
export function useLiveJob(initial: SyncJobView): { job: SyncJobView; gone: string | null } {
  const [job, setJob] = useState(initial);
  const [gone, setGone] = useState<string | null>(null);
  const open = isOpen(initial.status);
  useEffect(() => {
    if (!open) return undefined;
    return watchJob(initial.id, (event) => {
      if (event.type === 'gone') setGone(event.message);
      else setJob(event.job);
    });
  }, [initial.id, open]);
  // A newer view from a list refresh wins over an older pushed one.
  useEffect(() => setJob((current) => (initial.processedItems > current.processedItems || !isOpen(initial.status) ? initial : current)), [initial]);
  return { job, gone };
}
