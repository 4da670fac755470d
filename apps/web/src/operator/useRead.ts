import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

/** One of the console's reads: its latest answer (kept while a newer one loads or fails), its error, and when it was read. */
export interface Read<T> {
  data: T | null;
  error: ApiError | null;
  /** When `data` was read. */
  at: Date | null;
  reload: () => Promise<void>;
}

/**
 * Reads on mount, whenever `key` (what the read depends on: a filter, a period) changes, and on `reload`. Only the
 * latest request's answer is kept, so a slow answer to an old filter never replaces the new one.
 */
export function useRead<T>(read: () => Promise<T>, key: string): Read<T> {
  const [state, setState] = useState<Omit<Read<T>, 'reload'>>({ data: null, error: null, at: null });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const data = await read();
      if (ticket === latest.current) setState({ data, error: null, at: new Date() });
    } catch (error) {
      const problem = error instanceof ApiError ? error : new ApiError(0, 'Something went wrong while reading this.', undefined, {}, null);
      if (ticket === latest.current) setState((current) => ({ ...current, error: problem }));
    }
    // `read` is a new closure on every render: `key` says when it reads something else.
  }, [key]);

  useEffect(() => void reload(), [reload]);
  return { ...state, reload };
}
