import { ReactNode, useEffect } from 'react';
import { Alert } from '../ui/Alert';
import { Chart, ChartProps } from '../ui/Chart';
import { ValuesTable, ValuesTableProps } from './ValuesTable';

export type CardState =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void }
  | { status: 'empty'; say: ReactNode }
  | { status: 'ready'; chart: Omit<ChartProps, 'height' | 'onReady'>; table: ValuesTableProps };

interface ChartCardProps {
  /** Names the card to the page's mark (useRenderedMark). */
  id: string;
  title: string;
  /** Where the title leads (the metric's own page), if anywhere. */
  href?: string;
  /** What the chart shows, in a few words. */
  about?: string;
  /** Beside the title: the latest value. */
  aside?: ReactNode;
  /** Above the chart, once it is there (the sleep chart's last night). */
  headline?: ReactNode;
  state: CardState;
  height: number;
  className?: string;
  onSettled: (id: string) => void;
}

/** One chart with its heading, its values table, and its loading, empty and error states, all the same height. */
export function ChartCard({ id, title, href, about, aside, headline, state, height, className, onSettled }: ChartCardProps) {
  const settledWithoutChart = state.status === 'empty' || state.status === 'error';
  useEffect(() => {
    if (settledWithoutChart) onSettled(id);
  }, [settledWithoutChart, id, onSettled]);

  return (
    <section className={`card chart-card ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <header className="chart-card-head">
        <h2 id={`${id}-title`}>{href ? <a href={href}>{title}</a> : title}</h2>
        {aside}
      </header>
      {about && <p className="muted chart-about">{about}</p>}
      {state.status === 'ready' && headline}
      <div className="chart-area" style={{ minHeight: height }}>
        {state.status === 'loading' && <p className="muted">Loading…</p>}
        {state.status === 'error' && (
          <Alert tone="error">
            {state.message}{' '}
            <button type="button" className="link" onClick={state.retry}>
              Try again
            </button>
          </Alert>
        )}
        {state.status === 'empty' && <p className="empty">{state.say}</p>}
        {state.status === 'ready' && <Chart {...state.chart} height={height} onReady={() => onSettled(id)} />}
      </div>
      {state.status === 'ready' && <ValuesTable {...state.table} />}
    </section>
  );
}
