import { dailySeries, describeDaily, latestOf } from './daily-data';
import { clockOffsetMs, dayOffsetMs, heartRateSeries, sleepTimeline, stepsSeries, stressBatterySeries } from './intraday-data';
import { DAILY_METRICS } from './metrics';
import { stagesOf, stageStacks } from './sleep-data';

const spec = (metric: string) => DAILY_METRICS.find((one) => one.metric === metric)!;
const at = (iso: string) => Date.parse(`${iso}Z`);
const clock = (hhmm: string, date = '2026-12-02') => Date.parse(`${date}T${hhmm}:00Z`) / 1000;

describe('the daily series', () => {
  it('has a value for every day of the range, null where nothing is stored, in display units', () => {
    const series = dailySeries(
      [
        { date: '2026-11-29', value: 71_400 },
        { date: '2026-12-01', value: null },
        { date: '2026-12-02', value: 71_000 },
        { date: '2026-11-01', value: 1 },
      ],
      { from: '2026-11-29', to: '2026-12-02' },
      spec('weight').convert,
    );
    expect(series.dates).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(series.times).toEqual(series.dates.map((date) => Date.parse(`${date}T00:00:00Z`) / 1000));
    expect(series.values).toEqual([71.4, null, null, 71]);
    expect(latestOf(series)).toEqual({ date: '2026-12-02', value: 71 });
  });

  it('is summed up in a sentence for screen readers', () => {
    const heart = spec('heart_rate');
    const series = dailySeries(
      [
        { date: '2026-11-30', value: 61 },
        { date: '2026-12-01', value: 52 },
        { date: '2026-12-02', value: 55 },
      ],
      { from: '2026-11-03', to: '2026-12-02' },
      heart.convert,
    );
    expect(describeDaily(heart, series)).toMatch(/^Resting heart rate, last 30 days: 52 bpm to 61 bpm, latest 55 bpm on (2 Dec|Dec 2)\.$/);
    expect(describeDaily(heart, dailySeries([], { from: '2026-11-26', to: '2026-12-02' }, heart.convert))).toBe('Resting heart rate, last 7 days: no data.');
  });
});

describe('the sleep stages', () => {
  it('come from the night’s dailySleepDTO, and stack top first', () => {
    const night = stagesOf({
      dailySleepDTO: { sleepTimeSeconds: 25_200, deepSleepSeconds: 3600, lightSleepSeconds: 14_400, remSleepSeconds: 7200, awakeSleepSeconds: 1800 },
    });
    expect(night).toEqual({ deep: 3600, light: 14_400, rem: 7200, awake: 1800 });
    expect(stagesOf({ dailySleepDTO: { sleepTimeSeconds: 25_200 } })).toBeNull();
    expect(stagesOf({ calendarDate: '2026-12-02' })).toBeNull();
    expect(stageStacks([night, null])).toEqual([
      [7.5, null],
      [7, null],
      [5, null],
      [1, null],
    ]);
  });
});

describe('a day’s series', () => {
  const bounds = { startTimestampGMT: '2026-12-01T23:00:00.0', startTimestampLocal: '2026-12-02T00:00:00.0' };

  it('are on the Garmin day’s own clock, from its GMT and local bounds', () => {
    expect(clockOffsetMs(bounds)).toBe(3_600_000);
    expect(clockOffsetMs({ dailySleepDTO: { sleepStartTimestampGMT: 1000, sleepStartTimestampLocal: 1000 - 7_200_000 } })).toBe(-7_200_000);
    expect(dayOffsetMs('2026-12-02', [null, { heartRateValues: [] }, bounds])).toBe(3_600_000);
    const heart = heartRateSeries(
      {
        ...bounds,
        heartRateValues: [
          [at('2026-12-01T23:00:00'), 50],
          [at('2026-12-01T23:02:00'), null],
          [at('2026-12-02T06:00:00'), 120],
        ],
      },
      3_600_000,
    );
    expect(heart).toEqual({ times: [clock('00:00'), clock('00:02'), clock('07:00')], values: [[50, null, 120]] });
    expect(heartRateSeries({ heartRateValues: [[at('2026-12-02T06:00:00'), null]] }, 0)).toBeNull();
  });

  it('leave stress gaps off the wrist and in activities, and put Body Battery on the same clock', () => {
    const t = (hhmm: string) => at(`2026-12-02T${hhmm}:00`);
    const series = stressBatterySeries(
      {
        stressValuesArray: [
          [t('08:00'), 30],
          [t('08:03'), -1],
          [t('08:06'), -2],
          [t('08:09'), 40],
        ],
      },
      {
        bodyBatteryValuesArray: [
          [t('08:00'), 'MEASURED', 80, 2],
          [t('08:03'), null, null, 2],
          [t('08:12'), 'MEASURED', 78, 2],
        ],
      },
      0,
    );
    expect(series).toEqual({
      times: ['08:00', '08:03', '08:06', '08:09', '08:12'].map((hhmm) => clock(hhmm)),
      values: [
        [30, null, null, 40, null],
        [80, null, null, null, 78],
      ],
    });
  });

  it('draw each sleep stage only while it lasts', () => {
    const night = sleepTimeline(
      {
        sleepLevels: [
          { startGMT: '2026-12-01T23:00:00.0', endGMT: '2026-12-02T00:00:00.0', activityLevel: 1.0 },
          { startGMT: '2026-12-02T00:00:00.0', endGMT: '2026-12-02T01:30:00.0', activityLevel: 0.0 },
          { startGMT: '2026-12-02T01:30:00.0', endGMT: '2026-12-02T01:40:00.0', activityLevel: 3.0 },
        ],
      },
      0,
    )!;
    const start = clock('23:00', '2026-12-01');
    expect(night.spans.map((span) => [span.level, span.end - span.start])).toEqual([
      [1, 3600],
      [0, 5400],
      [3, 600],
    ]);
    expect(night.times).toEqual([start, start + 3599, start + 3600, start + 8999, start + 9000, start + 9599]);
    expect(night.values).toEqual([
      [null, null, 0, 0, null, null],
      [1, 1, null, null, null, null],
      [null, null, null, null, null, null],
      [null, null, null, null, 3, 3],
    ]);
  });

  it('read steps from the 15-minute buckets', () => {
    const steps = stepsSeries(
      [
        { startGMT: '2026-12-02T08:00:00.0', endGMT: '2026-12-02T08:15:00.0', steps: 420 },
        { startGMT: '2026-12-02T08:15:00.0', endGMT: '2026-12-02T08:30:00.0', steps: 0 },
      ],
      0,
    );
    expect(steps).toEqual({ times: [clock('08:00'), clock('08:15')], values: [[420, 0]] });
  });
});
