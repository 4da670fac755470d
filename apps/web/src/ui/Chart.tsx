import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { Colour, themeColours, useDocumentTheme } from './theme-colours';

/** A chart's options but its size, built from the theme's colours: the container decides the width. */
export type ChartBuild = (colour: Colour) => Omit<uPlot.Options, 'width' | 'height'>;

export interface ChartProps {
  /** What the chart shows, in a sentence: a picture to assistive technology, with this as its text. */
  label: string;
  /** Memoised by the caller (or a module constant): a new one makes the chart anew. */
  build: ChartBuild;
  /** A new array is drawn into the same chart. */
  data: uPlot.AlignedData;
  /** Height of the plot and its axes in CSS pixels (the legend comes below). */
  height: number;
  /** Once the chart has drawn its data: when first made, and again after each new `data`. */
  onReady?: () => void;
  /** A click on the plot, with the data index nearest the cursor. */
  onPick?: (index: number) => void;
}

/**
 * One uPlot chart in React: made when mounted, destroyed when unmounted, made anew when its options, height or the
 * theme change (a canvas keeps the colours it was drawn with), only given new data otherwise (`setData`, cheaper).
 * It follows its container's width.
 */
export function Chart({ label, build, data, height, onReady, onPick }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The data the chart holds, and whether its next draw is to be announced by onReady.
  const drawn = useRef({ data, pending: true });
  const theme = useDocumentTheme();
  // The latest props, read when uPlot calls or the chart is made: a new closure from the parent must not rebuild it.
  const latest = useRef({ data, onReady, onPick });
  useEffect(() => {
    latest.current = { data, onReady, onPick };
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options = build(themeColours());
    // uPlot draws in a microtask after it is made or given data; `ready` fires even when nothing could be drawn.
    const settle = () => {
      if (!drawn.current.pending) return;
      drawn.current.pending = false;
      latest.current.onReady?.();
    };
    const hooks = options.hooks ?? {};
    const made = new uPlot(
      {
        ...options,
        width: Math.max(element.clientWidth, 1),
        height,
        hooks: { ...hooks, draw: [...(hooks.draw ?? []), settle], ready: [...(hooks.ready ?? []), settle] },
      },
      latest.current.data,
      element,
    );
    plot.current = made;
    drawn.current = { data: latest.current.data, pending: true };
    const pick = () => {
      const index = made.cursor.idx;
      if (index !== null && index !== undefined) latest.current.onPick?.(index);
    };
    made.over.addEventListener('click', pick);
    // jsdom has no ResizeObserver (the tests may give one); every browser the app supports has.
    const resized =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(([entry]) => {
            const width = Math.floor(entry.contentRect.width);
            if (width > 0 && width !== made.width) made.setSize({ width, height });
          });
    resized?.observe(element);
    return () => {
      resized?.disconnect();
      made.over.removeEventListener('click', pick);
      made.destroy();
      plot.current = null;
    };
  }, [build, height, theme]);

  useEffect(() => {
    if (!plot.current || drawn.current.data === data) return;
    drawn.current = { data, pending: true };
    plot.current.setData(data);
  }, [data]);

  return <div ref={container} className={onPick ? 'chart chart-pickable' : 'chart'} role="img" aria-label={label} />;
}
