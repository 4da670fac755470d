import type { ActivityDetailView } from '@fittrack/contracts';
import { useCallback, useEffect, useState } from 'react';
import { getActivity } from '../api/activities';
import { ApiError } from '../api/client';

export type ActivityState =
  | { status: 'loading' }
  | { status: 'ready'; activity: ActivityDetailView }
  | { status: 'not-found' }
  | { status: 'failed'; problem: string };

/** Garmin's ids are positive integers: anything else is no activity, without asking. */
const GARMIN_ID = /^[1-9]\d{0,18}$/;

/** One activity in detail; a 404 (unknown, or another user's: the gateway does not tell them apart) is "not found". */
export function useActivity(id: string): { state: ActivityState; reload: () => void } {
  const [state, setState] = useState<ActivityState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!GARMIN_ID.test(id)) {
      setState({ status: 'not-found' });
      return undefined;
    }
    const request = new AbortController();
    setState({ status: 'loading' });
    getActivity(id, request.signal)
      .then((activity) => setState({ status: 'ready', activity }))
      .catch((error: unknown) => {
        if (request.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setState({ status: 'not-found' });
        else setState({ status: 'failed', problem: error instanceof ApiError ? error.message : 'The activity could not be loaded.' });
      });
    return () => request.abort();
  }, [id, attempt]);

  return { state, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
