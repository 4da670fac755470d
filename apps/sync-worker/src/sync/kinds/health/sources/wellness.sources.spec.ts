import { answering, contextFor, recordedAnswers, replaying } from './garmin-answers.test';
import { dailyHeartRate, dailySleep, dailyStress, dailySummary, hrvRange, stepsRange, weightRange } from './wellness.sources';

const metricsOf = (days: { date: string; metric: string; value: number | null }[]) => days.map((d) => [d.date, d.metric, d.value]);

describe('the wellness sources against their recordings', () => {
  it('summary: the day’s total kilocalories (recorded with an empty display name), none asked for today when already fetched', async () => {
    const fake = replaying('garth/data/test_daily_summary_get.yaml');
    const { days } = await dailySummary.fetch(contextFor(fake, { displayName: '' }), '2025-06-14', '2025-06-14');
    expect(fake.requests).toEqual(['/usersummary-service/usersummary/daily/?calendarDate=2025-06-14']);
    expect(metricsOf(days)).toEqual([['2025-06-14', 'summary', 2252]]);
    const today = answering(null);
    const summary = { totalKilocalories: 2000, totalSteps: 10 };
    expect(metricsOf((await dailySummary.fetch(contextFor(today, { today: '2025-06-14', todaySummary: summary as never }), '2025-06-14', '2025-06-14')).days)).toEqual([['2025-06-14', 'summary', 2000]]);
    expect(today.requests).toEqual([]);
    // A day the device recorded nothing of still has its BMR calories, but no steps (garth issue #98).
    const empty = answering({ calendarDate: '2025-06-15', totalKilocalories: 1900, bmrKilocalories: 1900, totalSteps: null });
    expect((await dailySummary.fetch(contextFor(empty), '2025-06-15', '2025-06-15')).days).toEqual([]);
  });

  it("sleep: the night's sleep time with the whole answer as raw; a night with `id: null` (recorded 2030-01-01) is no data", async () => {
    const fake = replaying('garth/data/test_sleep_data_get.yaml');
    const { days } = await dailySleep.fetch(contextFor(fake), '2021-07-20', '2021-07-20');
    expect(metricsOf(days)).toEqual([['2021-07-20', 'sleep', 25740]]);
    expect(Object.keys(days[0].raw as object)).toEqual(expect.arrayContaining(['dailySleepDTO', 'sleepMovement', 'sleepLevels']));
    const none = recordedAnswers('connect/daily_sleep_data_get.yaml').find((answer) => answer.request.includes('2030-01-01'))?.body;
    expect((await dailySleep.fetch(contextFor(answering(none)), '2030-01-01', '2030-01-01')).days).toEqual([]);
  });

  it('heart rate: the resting heart rate of a day with readings', async () => {
    const fake = replaying('garth/data/test_daily_heart_rate_get.yaml');
    expect(metricsOf((await dailyHeartRate.fetch(contextFor(fake), '2026-01-07', '2026-01-07')).days)).toEqual([['2026-01-07', 'heart_rate', 52]]);
    expect((await dailyHeartRate.fetch(contextFor(answering({ calendarDate: '2026-01-07', restingHeartRate: null, heartRateValues: null })), '2026-01-07', '2026-01-07')).days).toEqual([]);
  });

  it('HRV: each day of the range; the recorded 204 is no data', async () => {
    const { days } = await hrvRange.fetch(contextFor(replaying('garth/stats/test_daily_hrv.yaml')), '2023-07-01', '2023-07-20');
    expect(days).toHaveLength(20);
    expect(metricsOf(days).slice(0, 2)).toEqual([['2023-07-01', 'hrv', 43], ['2023-07-02', 'hrv', 44]]);
    expect((await hrvRange.fetch(contextFor(replaying('garth/stats/test_daily_hrv_paginate_no_results.yaml')), '1990-06-23', '1990-07-20')).days).toEqual([]);
  });

  it('stress and body battery from one answer; the recorded `null` day and the empty-arrays day are no data', async () => {
    const fake = replaying('garth/data/test_daily_body_battery_stress_list.yaml');
    const { days } = await dailyStress.fetch(contextFor(fake), '2023-07-19', '2023-07-19');
    expect(metricsOf(days)).toEqual([['2023-07-19', 'stress', 30], ['2023-07-19', 'body_battery', 80]]);
    expect(Object.keys(days[0].raw as object)).not.toContain('bodyBatteryValuesArray');
    expect(Object.keys(days[1].raw as object)).not.toContain('stressValuesArray');
    expect((await dailyStress.fetch(contextFor(fake), '2023-07-18', '2023-07-18')).days).toEqual([]);
    expect((await dailyStress.fetch(contextFor(replaying('garth/data/test_body_battery_properties_edge_cases.yaml')), '2023-07-20', '2023-07-20')).days).toEqual([]);
  });

  it('body battery skips the `null` entries Garmin sends and keeps the highest level', async () => {
    const day = { calendarDate: '2025-12-18', avgStressLevel: 22, stressValuesArray: [[1, -1], [2, 25]], bodyBatteryValuesArray: [[1, 'MEASURED', null, 2], null, [3, 'MEASURED', 61, 2], [4, 'MEASURED', 58, 2]] };
    expect(metricsOf((await dailyStress.fetch(contextFor(answering(day)), '2025-12-18', '2025-12-18')).days)).toEqual([['2025-12-18', 'stress', 22], ['2025-12-18', 'body_battery', 61]]);
  });

  it('steps: each day of the range', async () => {
    const { days } = await stepsRange.fetch(contextFor(replaying('garth/stats/test_daily_steps.yaml')), '2023-07-01', '2023-07-20');
    expect(days).toHaveLength(20);
    expect(metricsOf(days)[0]).toEqual(['2023-07-01', 'steps', 12413]);
  });

  it('weight: the latest weigh-in per day and every weigh-in as a body-composition record', async () => {
    const { days, records } = await weightRange.fetch(contextFor(replaying('connect/weight_data_list.yaml')), '2025-06-01', '2025-06-15');
    expect(metricsOf(days)).toEqual([['2025-06-15', 'weight', 59720], ['2025-06-14', 'weight', 59500], ['2025-06-07', 'weight', 59189]]);
    expect(records?.map((r) => [r.kind, r.key, r.recordedOn])).toEqual([
      ['body_composition', '1749996902851', '2025-06-15'],
      ['body_composition', '1749948744411', '2025-06-14'],
      ['body_composition', '1749909217098', '2025-06-14'],
      ['body_composition', '1749307692871', '2025-06-07'],
    ]);
  });
});
