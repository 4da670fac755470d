import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { HealthPage } from './HealthPage';
import { DAILY_METRICS } from './metrics';
import { FakeResizeObserver, FakeUPlot } from '../testing/fake-uplot';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));
jest.mock('./health.css', () => ({}));

const TODAY = '2026-12-02';
const metricPath = (metric: string, from: string, to = TODAY) => `/v1/health/${metric}?from=${from}&to=${to}`;
/** A night's stages as GET /v1/health/sleep gives them beside its headline. */
const parts = (deep: number, light: number, rem: number, awake: number) => ({ deep, light, rem, awake });
const LAST_NIGHT = parts(5400, 14_400, 6000, 600); // 7 h 10 min asleep
const NIGHT_BEFORE = parts(3600, 16_200, 5400, 1200); // 7 h asleep

/** Every chart of the overview answered: heart rate and sleep with data, the others empty unless given. */
function answerOverview(api: FakeApi, from: string, days: Record<string, { date: string; value: number | null }[]> = {}, skip: string[] = []) {
  for (const { metric } of DAILY_METRICS)
    if (!skip.includes(metric)) api.answer('GET', metricPath(metric, from), 200, { metric, from, to: TODAY, days: days[metric] ?? [] });
  const sleep = [
    { date: '2026-12-01', value: 25_200, parts: NIGHT_BEFORE },
    { date: TODAY, value: 25_800, parts: LAST_NIGHT },
  ].filter((day) => day.date >= from);
  api.answer('GET', metricPath('sleep', from), 200, { metric: 'sleep', from, to: TODAY, days: sleep });
  return api;
}

const HEART = [
  { date: '2026-11-30', value: 61 },
  { date: TODAY, value: 55 },
];

describe('the health overview', () => {
  let mark: jest.Mock;

  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date(`${TODAY}T10:00:00Z`),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'clearImmediate',
        'queueMicrotask',
        'nextTick',
        'performance',
        'hrtime',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
      ],
    });
    setDisplayTimeZone('UTC');
    window.history.replaceState(null, '', '#/health');
    FakeUPlot.made = [];
    (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = FakeResizeObserver;
    // jsdom's performance has no marks.
    performance.mark = mark = jest.fn();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('charts 30 days with gaps, stacks each night’s stages, and shows last night as the headline', async () => {
    const api = answerOverview(new FakeApi(), '2026-11-03', { heart_rate: HEART });
    render(<HealthPage />);

    const sleepCard = await screen.findByRole('region', { name: 'Sleep' });
    expect(await within(sleepCard).findByText('Last night')).toBeTruthy();
    expect(within(sleepCard).getByText('7 h 10 min').closest('p')?.textContent).toBe('7 h 10 min asleep');
    expect(within(sleepCard).getByText('Deep').closest('li')?.textContent).toBe('Deep 1 h 30 min 20%');

    await waitFor(() => expect(FakeUPlot.live()).toHaveLength(2));
    const heart = FakeUPlot.labelled('Resting heart rate')!;
    const [times, values] = heart.data;
    expect(times).toHaveLength(30);
    expect(times[0]).toBe(Date.parse('2026-11-03T00:00:00Z') / 1000);
    expect(values).toEqual([...new Array(27).fill(null), 61, null, 55]);
    expect(heart.target.getAttribute('role')).toBe('img');
    expect(heart.target.getAttribute('aria-label')).toMatch(/^Resting heart rate, last 30 days: 55 bpm to 61 bpm, latest 55 bpm on /);

    const sleep = FakeUPlot.labelled('Deep')!;
    expect(sleep.options.series.map((series) => series.label)).toEqual(['Day', 'Awake', 'REM', 'Light', 'Deep']);
    // Hours, top of the stack first: asleep + awake, then without awake, without REM, deep alone.
    expect(sleep.data.slice(1).map((stack) => stack.slice(28))).toEqual([
      [7.333333333333333, 7.333333333333333],
      [7, 7.166666666666667],
      [5.5, 5.5],
      [1, 1.5],
    ]);

    // The values, for keyboard and screen-reader users: built on demand, newest first, each day a link to it.
    const heartCard = screen.getByRole('region', { name: 'Resting heart rate' });
    expect(within(heartCard).queryByRole('table')).toBeNull();
    fireEvent.click(within(heartCard).getByRole('button', { name: /Show the values/ }));
    const rows = within(within(heartCard).getByRole('table')).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'DayResting heart rate',
      expect.stringMatching(/2, 2026.*55 bpm$|^2 Dec 2026.*55 bpm$/),
      expect.stringMatching(/61 bpm$/),
    ]);
    expect(within(rows[1]).getByRole('link').getAttribute('href')).toBe(`#/health/heart_rate/${TODAY}`);

    // Charts with no stored day say so, and where to get data.
    const weight = screen.getByRole('region', { name: 'Weight' });
    expect(within(weight).getByText(/No weight stored for these days/).textContent).toContain('Sync your Garmin data');
    expect(within(weight).getByRole('link', { name: 'Sync your Garmin data' }).getAttribute('href')).toBe('#/sync');

    await waitFor(() => expect(mark).toHaveBeenCalledWith('health:rendered'));
    expect(mark).toHaveBeenCalledTimes(1);
    // One request a chart, the stages of every night coming with the sleep chart's.
    expect(api.sent.map((request) => request.path).sort()).toEqual([...DAILY_METRICS.map(({ metric }) => metricPath(metric, '2026-11-03')), metricPath('sleep', '2026-11-03')].sort());
  });

  it('asks for the chosen span again, keeps it in the hash, and stacks a year of nights from one request', async () => {
    const api = answerOverview(new FakeApi(), '2026-11-03', { heart_rate: HEART });
    answerOverview(api, '2026-11-26', { heart_rate: HEART });
    answerOverview(api, '2025-12-03', { heart_rate: HEART });
    render(<HealthPage />);
    await waitFor(() => expect(FakeUPlot.live()).toHaveLength(2));

    fireEvent.click(screen.getByLabelText('7 days'));
    expect(window.location.hash).toBe('#/health?days=7');
    await waitFor(() => expect(FakeUPlot.labelled('Resting heart rate')?.data[0]).toHaveLength(7));
    // One request a chart: the nights' stages come with the sleep chart's.
    expect(api.sent.filter((request) => request.path.includes('from=2026-11-26'))).toHaveLength(DAILY_METRICS.length + 1);
    await waitFor(() => expect(mark).toHaveBeenCalledTimes(2));

    const before = api.sent.length;
    fireEvent.click(screen.getByLabelText('1 year'));
    await waitFor(() => expect(FakeUPlot.labelled('Deep')?.data[1]).toHaveLength(365));
    const year = api.sent.slice(before).map((request) => request.path);
    expect(year.filter((path) => path.startsWith('/v1/health/sleep/'))).toEqual([]);
    expect(year).toContain(metricPath('steps', '2025-12-03'));
    // The headline has last night's stages.
    const rem = await within(screen.getByRole('region', { name: 'Sleep' })).findByText('REM');
    expect(rem.closest('li')?.textContent).toBe('REM 1 h 40 min 23%');
  });

  it('starts from the span a link asks for', async () => {
    window.history.replaceState(null, '', '#/health?days=90');
    const api = answerOverview(new FakeApi(), '2026-09-04', { heart_rate: HEART });
    render(<HealthPage />);
    await waitFor(() => expect(FakeUPlot.live()).toHaveLength(2));
    expect(api.sent[0].path).toBe(metricPath('sleep', '2026-09-04'));
    expect((screen.getByLabelText('90 days') as HTMLInputElement).checked).toBe(true);
  });

  it('says why a chart could not be loaded, and loads it on "Try again"', async () => {
    const api = answerOverview(new FakeApi(), '2026-11-03', {}, ['heart_rate']);
    api.answer('GET', metricPath('heart_rate', '2026-11-03'), 503, { statusCode: 503, message: 'The database is unavailable.' });
    api.answer('GET', metricPath('heart_rate', '2026-11-03'), 200, { metric: 'heart_rate', from: '2026-11-03', to: TODAY, days: HEART });
    render(<HealthPage />);
    const card = await screen.findByRole('region', { name: 'Resting heart rate' });
    expect((await within(card).findByRole('alert')).textContent).toContain('The database is unavailable.');
    fireEvent.click(within(card).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(FakeUPlot.labelled('Resting heart rate')).toBeTruthy());
  });
});
