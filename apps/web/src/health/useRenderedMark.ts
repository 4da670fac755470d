import { useCallback, useMemo } from 'react';

/**
 * `performance.mark('health:rendered')` once every chart of a page has drawn (uPlot's `ready`) or settled on its
 * empty or error state: what the benchmark measures (tools/bench/web-bench.ts). Once per `load`: a new range is a
 * new render to measure.
 */
export function useRenderedMark(expected: readonly string[], load: string): (id: string) => void {
  const wanted = expected.join('|');
  const round = useMemo(() => ({ settled: new Set<string>(), marked: false }), [load, wanted]);
  return useCallback(
    (id: string) => {
      round.settled.add(id);
      if (round.marked || !expected.every((one) => round.settled.has(one))) return;
      round.marked = true;
      performance.mark('health:rendered');
    },
    // `wanted` stands for `expected`'s contents.
    [round],
  );
}
