import { answering, contextFor, recordedAnswers, replaying } from './garmin-answers.test';
import {
  bloodPressureRange,
  bodyBatteryEvents,
  dailyRespiration,
  dailySpo2,
  floorsChart,
  hydrationRange,
  intensityMinutesRange,
  lifestyleLog,
  stepsIntraday,
} from './wellness-extra.sources';

/** The recorded body of the cassette's only Connect API exchange whose request contains `part`. */
const recordedBody = (cassette: string, part: string) => recordedAnswers(cassette).find((answer) => answer.request.includes(part))?.body;

describe('body battery events (recorded)', () => {
  it("stores the day's events, counted, with Garmin's list as raw", async () => {
    const fake = replaying('garth/data/test_body_battery_data_get.yaml');
    const { days } = await bodyBatteryEvents.fetch(contextFor(fake), '2023-07-20', '2023-07-20');
    expect(fake.requests).toEqual(['/wellness-service/wellness/bodyBattery/events/2023-07-20']);
    expect(days).toEqual([{ date: '2023-07-20', metric: 'body_battery_events', value: 1, raw: recordedBody('garth/data/test_body_battery_data_get.yaml', 'events') }]);
    expect((days[0].raw as { event: { eventType: string } }[])[0].event.eventType).toBe('sleep');
  });

  it('counts an activity entry without an event (garth records `event: null`) and stores nothing for `[]`', async () => {
    const activity = [{ event: null, activityName: 'Running', activityId: '12345', bodyBatteryValuesArray: [[1689667200000, 'draining', 75, 1]] }];
    expect((await bodyBatteryEvents.fetch(contextFor(answering(activity)), '2023-07-18', '2023-07-18')).days.map((d) => d.value)).toEqual([1]);
    expect((await bodyBatteryEvents.fetch(contextFor(answering([])), '2023-07-19', '2023-07-19')).days).toEqual([]);
    expect((await bodyBatteryEvents.fetch(contextFor(answering(null)), '2023-07-19', '2023-07-19')).days).toEqual([]);
  });
});

describe('intensity minutes (recorded)', () => {
  it('stores each day of the range, moderate plus twice vigorous, each with its own entry as raw', async () => {
    const fake = replaying('garth/stats/test_daily_intensity_minutes.yaml');
    const { days } = await intensityMinutesRange.fetch(contextFor(fake), '2023-07-01', '2023-07-20');
    expect(fake.requests).toEqual(['/usersummary-service/stats/im/daily/2023-07-01/2023-07-20']);
    expect(days).toHaveLength(20);
    expect(days.map((d) => d.date)).toEqual(Array.from({ length: 20 }, (_, i) => `2023-07-${String(i + 1).padStart(2, '0')}`));
    const byDate = Object.fromEntries(days.map((d) => [d.date, d]));
    expect(byDate['2023-07-02'].value).toBe(55 + 2 * 6);
    expect(byDate['2023-07-04'].value).toBe(9 + 2 * 34);
    expect(byDate['2023-07-01'].value).toBe(0);
    expect(byDate['2023-07-13'].raw).toEqual({ calendarDate: '2023-07-13', weeklyGoal: 150, moderateValue: 53, vigorousValue: 25 });
  });

  it('stores nothing for a day without either figure', async () => {
    const body = [{ calendarDate: '2023-07-01', weeklyGoal: 150, moderateValue: null, vigorousValue: null }, { calendarDate: '2023-07-02', weeklyGoal: 150, moderateValue: 5 }];
    const { days } = await intensityMinutesRange.fetch(contextFor(answering(body)), '2023-07-01', '2023-07-02');
    expect(days.map((d) => [d.date, d.value])).toEqual([['2023-07-02', 5]]);
  });
});

describe('hydration (recorded)', () => {
  it("stores the day's intake in ml", async () => {
    const fake = replaying('garth/stats/test_daily_hydration.yaml');
    const { days } = await hydrationRange.fetch(contextFor(fake), '2024-06-29', '2024-06-29');
    expect(fake.requests).toEqual(['/usersummary-service/stats/hydration/daily/2024-06-29/2024-06-29']);
    expect(days).toEqual([{ date: '2024-06-29', metric: 'hydration', value: 1750, raw: { calendarDate: '2024-06-29', valueInML: 1750, goalInML: 2800 } }]);
  });

  it('stores nothing for a day without an intake, or an empty answer', async () => {
    expect((await hydrationRange.fetch(contextFor(answering([{ calendarDate: '2024-06-29', valueInML: null, goalInML: 2800 }])), '2024-06-29', '2024-06-29')).days).toEqual([]);
    expect((await hydrationRange.fetch(contextFor(answering(null)), '2024-06-29', '2024-06-29')).days).toEqual([]);
  });
});

describe('intraday steps (pgc get_steps_data)', () => {
  it("asks the display name's chart and sums the buckets' steps", async () => {
    const buckets = [
      { startGMT: '2026-03-15T05:00:00.0', endGMT: '2026-03-15T05:15:00.0', steps: 120, primaryActivityLevel: 'active' },
      { startGMT: '2026-03-15T05:15:00.0', endGMT: '2026-03-15T05:30:00.0', steps: 0, primaryActivityLevel: 'sedentary' },
      { startGMT: '2026-03-15T05:30:00.0', endGMT: '2026-03-15T05:45:00.0', steps: 35, primaryActivityLevel: 'active' },
    ];
    const fake = answering(buckets);
    const { days } = await stepsIntraday.fetch(contextFor(fake), '2026-03-15', '2026-03-15');
    expect(fake.requests).toEqual(['/wellness-service/wellness/dailySummaryChart/mtamizi?date=2026-03-15']);
    expect(days).toEqual([{ date: '2026-03-15', metric: 'steps_intraday', value: 155, raw: buckets }]);
  });

  it('stores nothing for an empty or null answer, or an offloaded day (every bucket at zero, pgc #168)', async () => {
    expect((await stepsIntraday.fetch(contextFor(answering([])), '2026-03-15', '2026-03-15')).days).toEqual([]);
    const offloaded = Array.from({ length: 96 }, () => ({ steps: 0, primaryActivityLevel: 'none' }));
    expect((await stepsIntraday.fetch(contextFor(answering(offloaded)), '2026-03-15', '2026-03-15')).days).toEqual([]);
    expect((await stepsIntraday.fetch(contextFor(answering(null)), '2026-03-15', '2026-03-15')).days).toEqual([]);
  });
});

describe('floors (pgc get_floors)', () => {
  const descriptors = [
    { index: 0, key: 'startTimeGMT' },
    { index: 1, key: 'endTimeGMT' },
    { index: 2, key: 'floorsAscended' },
    { index: 3, key: 'floorsDescended' },
  ];

  it('sums the ascended column the descriptors name', async () => {
    const day = {
      startTimestampGMT: '2026-03-15T05:00:00.0',
      floorsValueDescriptorDTOList: descriptors,
      floorValuesArray: [
        ['2026-03-15T05:00:00.0', '2026-03-15T05:15:00.0', 3, 1],
        ['2026-03-15T09:00:00.0', '2026-03-15T09:15:00.0', 4, 6],
      ],
    };
    const fake = answering(day);
    const { days } = await floorsChart.fetch(contextFor(fake), '2026-03-15', '2026-03-15');
    expect(fake.requests).toEqual(['/wellness-service/wellness/floorsChartData/daily/2026-03-15']);
    expect(days).toEqual([{ date: '2026-03-15', metric: 'floors', value: 7, raw: day }]);
  });

  it('stores nothing for a day without rows', async () => {
    const empty = { startTimestampGMT: '2026-03-15T05:00:00.0', floorsValueDescriptorDTOList: descriptors, floorValuesArray: [] };
    expect((await floorsChart.fetch(contextFor(answering(empty)), '2026-03-15', '2026-03-15')).days).toEqual([]);
    expect((await floorsChart.fetch(contextFor(answering(null)), '2026-03-15', '2026-03-15')).days).toEqual([]);
  });
});

describe('respiration (pgc get_respiration_data)', () => {
  it('stores the waking average, and a day with only the sleep average without a headline', async () => {
    const day = { calendarDate: '2026-03-15', avgWakingRespirationValue: 14.2, avgSleepRespirationValue: 13.5, respirationValuesArray: [[1773550800000, 14]] };
    const fake = answering(day);
    expect((await dailyRespiration.fetch(contextFor(fake), '2026-03-15', '2026-03-15')).days).toEqual([{ date: '2026-03-15', metric: 'respiration', value: 14.2, raw: day }]);
    expect(fake.requests).toEqual(['/wellness-service/wellness/daily/respiration/2026-03-15']);
    const sleepOnly = { calendarDate: '2026-03-15', avgWakingRespirationValue: null, avgSleepRespirationValue: 13.5, respirationValuesArray: null };
    expect((await dailyRespiration.fetch(contextFor(answering(sleepOnly)), '2026-03-15', '2026-03-15')).days.map((d) => d.value)).toEqual([null]);
  });

  it('stores nothing for a DTO of nulls', async () => {
    const nulls = { calendarDate: '2026-03-15', avgWakingRespirationValue: null, avgSleepRespirationValue: null, lowestRespirationValue: null, highestRespirationValue: null, respirationValuesArray: [] };
    expect((await dailyRespiration.fetch(contextFor(answering(nulls)), '2026-03-15', '2026-03-15')).days).toEqual([]);
  });
});

describe('SpO2 (pgc get_spo2_data)', () => {
  it("stores the day's average, raw as Garmin sent it (a string lastSevenDaysAvgSpO2 included)", async () => {
    const day = { calendarDate: '2026-03-15', averageSpO2: 96, lowestSpO2: 91, lastSevenDaysAvgSpO2: '94.42857142857143' };
    const fake = answering(day);
    expect((await dailySpo2.fetch(contextFor(fake), '2026-03-15', '2026-03-15')).days).toEqual([{ date: '2026-03-15', metric: 'spo2', value: 96, raw: day }]);
    expect(fake.requests).toEqual(['/wellness-service/wellness/daily/spo2/2026-03-15']);
  });

  it("stores nothing for a day whose own figures are null, even with the week's average", async () => {
    const nulls = { calendarDate: '2026-03-15', averageSpO2: null, lowestSpO2: null, latestSpO2: null, avgSleepSpO2: null, lastSevenDaysAvgSpO2: 95, spO2HourlyAverages: null };
    expect((await dailySpo2.fetch(contextFor(answering(nulls)), '2026-03-15', '2026-03-15')).days).toEqual([]);
  });
});

describe('blood pressure (pgc get_blood_pressure)', () => {
  const measurement = (systolic: number, at: string) => ({ version: 1, systolic, diastolic: 80, pulse: 60, measurementTimestampLocal: at });
  const summary = (date: string, highSystolic: number | null, measurements: unknown[]) => ({ startDate: date, endDate: date, highSystolic, highDiastolic: 82, measurements });

  it("stores each day's summary with its measurements, headlined by its highest systolic", async () => {
    const body = {
      from: '2026-03-01',
      until: '2026-03-28',
      measurementSummaries: [
        summary('2026-03-02', 128, [measurement(128, '2026-03-02T08:00:00.0'), measurement(121, '2026-03-02T20:00:00.0')]),
        summary('2026-03-09', 119, [measurement(119, '2026-03-09T08:00:00.0')]),
      ],
    };
    const fake = answering(body);
    const { days } = await bloodPressureRange.fetch(contextFor(fake), '2026-03-01', '2026-03-28');
    expect(fake.requests).toEqual(['/bloodpressure-service/bloodpressure/range/2026-03-01/2026-03-28?includeAll=true']);
    expect(days).toEqual([
      { date: '2026-03-02', metric: 'blood_pressure', value: 128, raw: body.measurementSummaries[0] },
      { date: '2026-03-09', metric: 'blood_pressure', value: 119, raw: body.measurementSummaries[1] },
    ]);
  });

  it('stores nothing for a range without measurements', async () => {
    const body = { from: '2026-03-01', until: '2026-03-28', measurementSummaries: [summary('2026-03-02', null, [])] };
    expect((await bloodPressureRange.fetch(contextFor(answering(body)), '2026-03-01', '2026-03-28')).days).toEqual([]);
    expect((await bloodPressureRange.fetch(contextFor(answering({ measurementSummaries: [] })), '2026-03-01', '2026-03-28')).days).toEqual([]);
  });
});

describe('lifestyle (pgc get_lifestyle_logging_data)', () => {
  it('counts the behaviours logged that day (YES or NO), not those only tracked', async () => {
    const day = { dailyLogsReport: [{ name: 'Alcohol', logStatus: 'YES' }, { name: 'Late Meals', logStatus: 'NO' }, { name: 'Eye Mask', logStatus: null }] };
    const fake = answering(day);
    expect((await lifestyleLog.fetch(contextFor(fake), '2026-03-15', '2026-03-15')).days).toEqual([{ date: '2026-03-15', metric: 'lifestyle', value: 2, raw: day }]);
    expect(fake.requests).toEqual(['/lifestylelogging-service/dailyLog/2026-03-15']);
  });

  it('stores nothing for a day with nothing logged', async () => {
    expect((await lifestyleLog.fetch(contextFor(answering({ dailyLogsReport: [{ name: 'Eye Mask' }] })), '2026-03-15', '2026-03-15')).days).toEqual([]);
    expect((await lifestyleLog.fetch(contextFor(answering(null)), '2026-03-15', '2026-03-15')).days).toEqual([]);
  });
});
