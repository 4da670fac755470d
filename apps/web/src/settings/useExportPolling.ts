import type { ExportView } from '@fittrack/contracts';
import { useEffect, useRef } from 'react';
import { getExport } from '../api/exports';
import { isExportOpen } from './export-labels';
import { problemOf } from './problem';

/** How often an export being made is read again: the worker writes its progress about once a second. */
export const EXPORT_POLL_MS = 1000;

/**
 * Follows an export being made: GET /v1/exports/:id every second (exports have no event stream), each answer
 * handed on, until it is completed or failed, `id` becomes null, or a read fails (then it stops and says why).
 */
export function useExportPolling(id: string | null, onView: (view: ExportView) => void, onProblem: (message: string) => void): void {
  const handlers = useRef({ onView, onProblem });
  useEffect(() => {
    handlers.current = { onView, onProblem };
  });

  useEffect(() => {
    if (id === null) return undefined;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const view = await getExport(id, abort.signal);
        handlers.current.onView(view);
        if (isExportOpen(view.status)) timer = setTimeout(() => void poll(), EXPORT_POLL_MS);
      } catch (error) {
        if (!abort.signal.aborted) handlers.current.onProblem(problemOf(error, 'The export’s progress could not be read.'));
      }
    };
    timer = setTimeout(() => void poll(), EXPORT_POLL_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [id]);
}
