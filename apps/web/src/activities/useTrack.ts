import { useCallback, useEffect, useState } from 'react';
import { activityGpx } from '../api/activities';
import { ApiError } from '../api/client';
import { LatLon, trackPoints } from './track';

export type TrackState =
  | { status: 'loading' }
  | { status: 'ready'; points: LatLon[] }
  /** `code`: the gateway's (ACTIVITY_FILE_MISSING, ACTIVITY_FILE_NOT_FIT …), which also says what can be downloaded. */
  | { status: 'failed'; problem: string; code: string | undefined };

/** The activity's positions, read from our GPX conversion of its FIT file (nothing from the internet). */
export function useTrack(id: string): { track: TrackState; reload: () => void } {
  const [track, setTrack] = useState<TrackState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const request = new AbortController();
    setTrack({ status: 'loading' });
    activityGpx(id, request.signal)
      .then((gpx) => setTrack({ status: 'ready', points: trackPoints(gpx) }))
      .catch((error: unknown) => {
        if (request.signal.aborted) return;
        const problem = error instanceof Error ? error.message : 'The track could not be loaded.';
        setTrack({ status: 'failed', problem, code: error instanceof ApiError ? error.code : undefined });
      });
    return () => request.abort();
  }, [id, attempt]);

  return { track, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
