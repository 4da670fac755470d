import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

const LOADING = { status: 'loading' } as const;

/**
 * Loads what `key` names (e.g. "steps 2026-11-01 2026-11-30"), again when the key changes or on `retry`. A
 * load whose key is no longer the current one is aborted, and its answer never shown: changing the range quickly
 * cannot leave an older answer on the page.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): { state: LoadState<T>; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; attempt: number; state: LoadState<T> } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => setResult({ key, attempt, state: { status: 'ready', value } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ key, attempt, state: { status: 'error', message: error instanceof ApiError ? error.message : 'The health data could not be loaded.' } });
      },
    );
    return () => controller.abort();
    // `load` is the loader of this key: the key says when it changes.
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state: result && result.key === key && result.attempt === attempt ? result.state : LOADING, retry };
}
