import { Account } from '../state/accounts';
import { dayBounds, DayFacts } from './daily';
import { GeneratedActivity } from './activities';
import { stressSeries } from './day-series';
import { intBetween } from './random';
import weightTemplate from './templates/weight-range.json';

/**
 * GET /wellness-service/wellness/dailyStress/{date}: one day's stress and body battery samples
 * (recorded shape: garth test_daily_body_battery_stress_get_incomplete_data.yaml). A kind the watch does not
 * produce has its levels null and its samples []; so has every series on an archived day.
 */
export function dailyStress(account: Account, day: DayFacts, activities: GeneratedActivity[]) {
  const series = stressSeries(day, activities);
  const stress = day.produces('stress') && !day.archived;
  const battery = day.produces('body_battery') && !day.archived;
  return {
    userProfilePK: account.profileId,
    calendarDate: day.date,
    ...dayBounds(day),
    maxStressLevel: day.produces('stress') ? day.maxStress : null,
    avgStressLevel: day.produces('stress') ? day.avgStress : null,
    stressChartValueOffset: 1,
    stressChartYAxisOrigin: -1,
    stressValueDescriptorsDTOList: [
      { key: 'timestamp', index: 0 },
      { key: 'stressLevel', index: 1 },
    ],
    stressValuesArray: stress ? series.stress : [],
    bodyBatteryValueDescriptorsDTOList: [
      { bodyBatteryValueDescriptorIndex: 0, bodyBatteryValueDescriptorKey: 'timestamp' },
      { bodyBatteryValueDescriptorIndex: 1, bodyBatteryValueDescriptorKey: 'bodyBatteryStatus' },
      { bodyBatteryValueDescriptorIndex: 2, bodyBatteryValueDescriptorKey: 'bodyBatteryLevel' },
      { bodyBatteryValueDescriptorIndex: 3, bodyBatteryValueDescriptorKey: 'bodyBatteryVersion' },
    ],
    bodyBatteryValuesArray: battery ? series.bodyBattery : [],
  };
}

/** One element of /usersummary-service/stats/stress/daily/{start}/{end}. */
export function stressRangeEntry(day: DayFacts) {
  const random = day.stream('stress-range');
  return {
    calendarDate: day.date,
    values: {
      highStressDuration: intBetween(random, 0, 3600),
      lowStressDuration: intBetween(random, 10_000, 30_000),
      overallStressLevel: day.avgStress,
      restStressDuration: intBetween(random, 20_000, 40_000),
      mediumStressDuration: intBetween(random, 2000, 15_000),
    },
  };
}

/** One element of /usersummary-service/stats/steps/daily/{start}/{end}. */
export function stepsRangeEntry(day: DayFacts) {
  return { calendarDate: day.date, totalSteps: day.steps, totalDistance: Math.round(day.steps * 0.78), stepGoal: day.stepGoal };
}

/** One element of /wellness-service/wellness/bodyBattery/reports/daily. */
export function bodyBatteryReport(day: DayFacts) {
  return {
    date: day.date,
    charged: day.bodyBatteryHigh - day.bodyBatteryLow,
    drained: day.bodyBatteryHigh - day.bodyBatteryLow - 3,
    ...dayBounds(day),
    bodyBatteryValuesArray: [
      [day.dayStartMs + 7 * 3600_000, day.bodyBatteryHigh],
      [day.dayEndMs - 3600_000, day.bodyBatteryLow],
    ],
    bodyBatteryValueDescriptorDTOList: [
      { bodyBatteryValueDescriptorIndex: 0, bodyBatteryValueDescriptorKey: 'timestamp' },
      { bodyBatteryValueDescriptorIndex: 1, bodyBatteryValueDescriptorKey: 'bodyBatteryLevel' },
    ],
  };
}

/** A weigh-in in the recorded shape, or null on days without one. */
export function weighIn(day: DayFacts) {
  if (day.weightGrams === null) return null;
  const at = day.dayStartMs + 7 * 3600_000;
  const metric = weightTemplate.dailyWeightSummaries[0].latestWeight;
  return {
    ...metric,
    samplePk: at,
    date: at + day.offsetMs,
    calendarDate: day.date,
    weight: day.weightGrams,
    bmi: Math.round((day.weightGrams / 1000 / 1.75 ** 2) * 10) / 10,
    timestampGMT: at,
    // Recorded: always a decimal number (connect/weight_data_list.yaml); the step from the last weigh-in, assumed small.
    weightDelta: ((day.weightGrams / 100) % 7) * 100 - 300,
  };
}

export function weightRange(days: DayFacts[]) {
  const summaries = days
    .map((day) => ({ day, weighIn: weighIn(day) }))
    .filter((entry) => entry.weighIn !== null)
    .reverse()
    .map(({ day, weighIn: metric }) => ({
      summaryDate: day.date,
      numOfWeightEntries: 1,
      minWeight: day.weightGrams,
      maxWeight: day.weightGrams,
      latestWeight: metric,
      allWeightMetrics: [metric],
    }));
  const weights = summaries.map((s) => s.minWeight as number);
  return {
    dailyWeightSummaries: summaries,
    totalAverage: { ...weightTemplate.totalAverage, weight: weights.length ? weights.reduce((a, b) => a + b, 0) / weights.length : null },
    previousDateWeight: { ...weightTemplate.previousDateWeight },
    nextDateWeight: { ...weightTemplate.nextDateWeight },
  };
}
