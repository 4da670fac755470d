import { useMemo } from 'react';
import type uPlot from 'uplot';
import { Alert } from '../ui/Alert';
import { addDays, today } from '../ui/dates';
import { CardState, ChartCard } from './ChartCard';
import { DayChooser } from './DayChooser';
import { loadDay } from './day-load';
import { DaySection, daySections, sectionsFor } from './day-sections';
import { DayValues } from './DayValues';
import { formatLongDate } from './format';
import { dayHref } from './links';
import { MetricSpec, specOf } from './metrics';
import { UnknownMetric } from './MetricPage';
import { useLoad } from './useLoad';
import { useRenderedMark } from './useRenderedMark';

const isCalendarDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && addDays(date, 0) === date;

/** `#/health/<metric>/<date>`: that day in full, its series charted, the metric's own first. */
export function DayPage({ metric, date }: { metric: string; date: string }) {
  const spec = specOf(metric);
  if (!spec) return <UnknownMetric metric={metric} />;
  if (!isCalendarDate(date))
    return (
      <main className="page stack health">
        <h1>No such day</h1>
        <p>
          <code>{date}</code> is not a date. <a href="#/health">Back to the health charts</a>
        </p>
      </main>
    );
  return <DayView spec={spec} date={date} />;
}

function DayView({ spec, date }: { spec: MetricSpec; date: string }) {
  const { state, retry } = useLoad(`day ${date}`, (signal) => loadDay(date, signal));
  // Built once per answer: a chart is drawn anew whenever its data array is a new one.
  const sections = useMemo(
    () =>
      state.status === 'ready'
        ? sectionsFor(spec.metric, daySections(date, state.value)).map((section) => ({
            section,
            data: section.series && ([section.series.times, ...section.series.values] as uPlot.AlignedData),
          }))
        : [],
    [state, date, spec],
  );
  const settled = useRenderedMark(
    sections.map(({ section }) => section.id),
    `${date} ${state.status}`,
  );
  const latest = today();

  return (
    <main className="page stack health" aria-labelledby="day-title">
      <a href="#/health">← All health charts</a>
      <h1 id="day-title">{formatLongDate(date)}</h1>
      <div className="row wrap between day-nav">
        <nav className="row" aria-label="Other days">
          <a href={dayHref(spec.metric, addDays(date, -1))}>← Previous day</a>
          {date < latest && <a href={dayHref(spec.metric, addDays(date, 1))}>Next day →</a>}
        </nav>
        <DayChooser metric={spec.metric} initial={date} />
      </div>
      {state.status === 'loading' && <p className="muted">Loading…</p>}
      {state.status === 'error' && (
        <Alert tone="error">
          {state.message}{' '}
          <button type="button" className="link" onClick={retry}>
            Try again
          </button>
        </Alert>
      )}
      {state.status === 'ready' && (
        <>
          <DayValues values={state.value.values} metric={spec.metric} date={date} />
          {Object.keys(state.value.values).length === 0 && (
            <p className="empty">
              Nothing is stored for this day. <a href="#/sync">Sync your Garmin data</a> to bring it in.
            </p>
          )}
          {sections.map(({ section, data }) => (
            <ChartCard
              key={section.id}
              id={section.id}
              title={section.title}
              about={data ? section.summary : undefined}
              state={sectionState(section, data)}
              height={section.height}
              onSettled={settled}
            />
          ))}
        </>
      )}
    </main>
  );
}

function sectionState(section: DaySection, data: uPlot.AlignedData | null): CardState {
  if (!data)
    return {
      status: 'empty',
      say: (
        <>
          {section.empty}
          {section.emptyLink && (
            <>
              {' '}
              <a href={section.emptyLink.href}>{section.emptyLink.text}</a>
            </>
          )}
        </>
      ),
    };
  return {
    status: 'ready',
    chart: { label: section.summary, build: section.build, data },
    table: { caption: section.title, head: section.head, rows: section.rows },
  };
}
