import { useCallback, useEffect, useRef, useState } from 'react';
import { problemOf } from './problem';

export interface Resource<T> {
  /** null until the first answer. */
  data: T | null;
  problem: string | null;
  reload: () => Promise<void>;
  /** Puts an answer the page already has (a create, a save) in place of a reload. */
  setData: (update: (current: T | null) => T) => void;
}

/** One section's read: on mount and on `reload`; only the latest request's answer is kept. */
export function useResource<T>(read: () => Promise<T>, failure: string): Resource<T> {
  const [data, setState] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);
  // The first `read` and `failure` are the section's for good (module functions and fixed sentences).
  const fixed = useRef({ read, failure });

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const answer = await fixed.current.read();
      if (ticket !== latest.current) return;
      setState(answer);
      setProblem(null);
    } catch (error) {
      if (ticket === latest.current) setProblem(problemOf(error, fixed.current.failure));
    }
  }, []);

  useEffect(() => void reload(), [reload]);
  const setData = useCallback((update: (current: T | null) => T) => setState(update), []);
  return { data, problem, reload, setData };
}
