import { render, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { HealthPage } from './HealthPage';
import { FakeResizeObserver, FakeUPlot } from '../testing/fake-uplot';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));
jest.mock('./health.css', () => ({}));

const DATE = '2026-12-02';
// The Garmin day runs from 23:00 UTC the day before: its clock is an hour ahead of UTC.
const BOUNDS = { startTimestampGMT: '2026-12-01T23:00:00.0', startTimestampLocal: '2026-12-02T00:00:00.0' };
const at = (hhmm: string) => Date.parse(`${DATE}T${hhmm}:00Z`);
const clock = (hhmm: string) => (at(hhmm) + 3_600_000) / 1000;
const day = (metric: string, value: number, raw: unknown) => ({ metric, date: DATE, value, raw, syncedAt: '2026-12-02T08:00:00Z' });
const notFound = { statusCode: 404, message: 'Nothing stored.', code: 'HEALTH_DAY_NOT_FOUND' };

function answerDay(api: FakeApi) {
  return api
    .answer('GET', `/v1/health?from=${DATE}&to=${DATE}`, 200, {
      from: DATE,
      to: DATE,
      days: [{ date: DATE, values: { heart_rate: 52, sleep: 25_200, weight: 71_400 } }],
    })
    .answer(
      'GET',
      `/v1/health/heart_rate/${DATE}`,
      200,
      day('heart_rate', 52, {
        ...BOUNDS,
        restingHeartRate: 52,
        heartRateValues: [
          [at('05:00'), 50],
          [at('05:02'), null],
          [at('11:00'), 128],
        ],
      }),
    )
    .answer(
      'GET',
      `/v1/health/stress/${DATE}`,
      200,
      day('stress', 30, {
        ...BOUNDS,
        avgStressLevel: 30,
        stressValuesArray: [
          [at('09:00'), 25],
          [at('09:03'), -1],
        ],
      }),
    )
    .answer(
      'GET',
      `/v1/health/body_battery/${DATE}`,
      200,
      day('body_battery', 80, {
        ...BOUNDS,
        bodyBatteryValuesArray: [
          [at('09:00'), 'MEASURED', 80, 2],
          [at('09:03'), 'MEASURED', 79, 2],
        ],
      }),
    )
    .answer(
      'GET',
      `/v1/health/sleep/${DATE}`,
      200,
      day('sleep', 25_200, {
        dailySleepDTO: {
          sleepTimeSeconds: 25_200,
          deepSleepSeconds: 5400,
          lightSleepSeconds: 14_400,
          remSleepSeconds: 5400,
          awakeSleepSeconds: 600,
          sleepStartTimestampGMT: at('22:00') - 86_400_000,
          sleepStartTimestampLocal: at('23:00') - 86_400_000,
        },
        sleepLevels: [
          { startGMT: '2026-12-01T22:00:00.0', endGMT: '2026-12-02T01:00:00.0', activityLevel: 1.0 },
          { startGMT: '2026-12-02T01:00:00.0', endGMT: '2026-12-02T05:10:00.0', activityLevel: 0.0 },
        ],
      }),
    )
    .answer('GET', `/v1/health/steps_intraday/${DATE}`, 404, notFound);
}

describe('a day in full', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: new Date('2026-12-05T10:00:00Z'),
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
    FakeUPlot.made = [];
    (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = FakeResizeObserver;
    performance.mark = jest.fn();
  });

  afterEach(() => jest.useRealTimers());

  it('charts the day’s series from its raw JSON on the Garmin day’s clock, the chosen metric first', async () => {
    const api = answerDay(new FakeApi());
    render(<HealthPage metric="heart_rate" date={DATE} />);
    await waitFor(() => expect(FakeUPlot.live()).toHaveLength(3));

    const sections = screen.getAllByRole('region').map((region) => region.getAttribute('aria-labelledby'));
    expect(sections).toEqual(['heart-rate-title', 'sleep-title', 'stress-title', 'hrv-title', 'steps-title']);

    const heart = FakeUPlot.labelled('Heart rate')!;
    expect(heart.data).toEqual([
      [clock('05:00'), clock('05:02'), clock('11:00')],
      [50, null, 128],
    ]);
    expect(heart.target.getAttribute('aria-label')).toMatch(/^Heart rate on .+: 50 bpm to 128 bpm, resting 52 bpm\.$/);

    const stress = FakeUPlot.labelled('Body Battery')!;
    expect(stress.data).toEqual([
      [clock('09:00'), clock('09:03')],
      [25, null],
      [80, 79],
    ]);

    const night = FakeUPlot.labelled('Deep')!;
    expect(night.options.series.map((series) => series.label)).toEqual(['Time', 'Deep', 'Light', 'REM', 'Awake']);
    expect(night.data[0]).toEqual([clock('22:00') - 86_400, clock('01:00') - 1, clock('01:00'), clock('05:10') - 1]);
    expect(night.target.getAttribute('aria-label')).toMatch(/from 23:00 to 06:10, 7 h asleep \(deep 1 h 30 min, light 4 h, REM 1 h 30 min, awake 10 min\)\.$/);

    expect(
      within(screen.getByRole('region', { name: 'Steps per 15 minutes' }))
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('#/settings');
    expect(screen.getByRole('region', { name: 'Heart rate variability overnight' }).textContent).toContain('No overnight HRV readings');

    const tiles = screen.getByRole('list', { name: 'The day’s values' });
    expect(within(tiles).getByRole('link', { current: 'page' }).textContent).toBe('Resting heart rate52 bpm');
    expect(within(tiles).getByRole('link', { name: /Weight/ }).textContent).toBe('Weight71.4 kg');
    expect(screen.getByRole('link', { name: 'Next day →' }).getAttribute('href')).toBe('#/health/heart_rate/2026-12-03');
    await waitFor(() => expect(performance.mark).toHaveBeenCalledWith('health:rendered'));
    expect(api.sent).toHaveLength(6);
  });

  it('says when nothing is stored for the day', async () => {
    new FakeApi()
      .answer('GET', `/v1/health?from=${DATE}&to=${DATE}`, 200, { from: DATE, to: DATE, days: [] })
      .answer('GET', `/v1/health/heart_rate/${DATE}`, 404, notFound)
      .answer('GET', `/v1/health/stress/${DATE}`, 404, notFound)
      .answer('GET', `/v1/health/body_battery/${DATE}`, 404, notFound)
      .answer('GET', `/v1/health/sleep/${DATE}`, 404, notFound)
      .answer('GET', `/v1/health/steps_intraday/${DATE}`, 404, notFound);
    render(<HealthPage metric="sleep" date={DATE} />);
    expect((await screen.findByText(/Nothing is stored for this day/)).textContent).toContain('Sync your Garmin data');
    expect(FakeUPlot.made).toEqual([]);
  });

  it('says so of a date that is not one', () => {
    render(<HealthPage metric="sleep" date="2026-02-30" />);
    expect(screen.getByRole('heading', { name: 'No such day' })).toBeTruthy();
  });
});
