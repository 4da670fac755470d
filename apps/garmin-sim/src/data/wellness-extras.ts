import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { addDays, dotted } from './calendar';
import type { DayFacts } from './daily';
import { intBetween, round } from './random';

/** The night's HRV (GET /hrv-service/hrv/{date} and the daily range), or undefined on nights without it. */
export interface HrvNight {
  lastNightAvg: number;
  lastNight5MinHigh: number;
  weeklyAvg: number;
  createdMs: number;
}

export function hrvNight(day: DayFacts): HrvNight | undefined {
  if (!day.hasHrv || !day.produces('hrv')) return undefined;
  const random = day.stream('hrv');
  const lastNightAvg = intBetween(random, 30, 70);
  return { lastNightAvg, lastNight5MinHigh: lastNightAvg + 20, weeklyAvg: lastNightAvg - 2, createdMs: day.sleepStartMs + day.sleepSeconds * 1000 };
}

/** Recorded: one element of GET /hrv-service/hrv/daily/{from}/{to} (garth stats/test_daily_hrv.yaml). */
export function hrvSummary(day: DayFacts, night: HrvNight) {
  return {
    calendarDate: day.date,
    weeklyAvg: night.weeklyAvg,
    lastNightAvg: night.lastNightAvg,
    lastNight5MinHigh: night.lastNight5MinHigh,
    baseline: { lowUpper: night.weeklyAvg - 8, balancedLow: night.weeklyAvg - 5, balancedUpper: night.weeklyAvg + 9, markerValue: 0.42855835 },
    status: 'BALANCED',
    feedbackPhrase: 'HRV_BALANCED_8',
    createTimeStamp: dotted(night.createdMs).replace(/\.0$/, '.123'),
  };
}

/** Intensity minutes of a day: its activities (vigorous above 135 bpm average) and a walking share of its steps. */
export function intensityMinutes(day: DayFacts, activities: GeneratedActivity[]): { moderate: number; vigorous: number } {
  let moderate = Math.floor(day.steps / 2500);
  let vigorous = 0;
  for (const a of activities) {
    if (a.averageHr >= 135) vigorous += Math.round(a.durationS / 60);
    else moderate += Math.round(a.durationS / 60);
  }
  return { moderate, vigorous };
}

/** Recorded: GET /usersummary-service/stats/im/daily/{from}/{to} elements (garth stats/test_daily_intensity_minutes.yaml). */
export function intensityEntry(day: DayFacts, activities: GeneratedActivity[]) {
  const { moderate, vigorous } = intensityMinutes(day, activities);
  return { calendarDate: day.date, weeklyGoal: 150, moderateValue: moderate, vigorousValue: vigorous };
}

/** Hydration logged on a day: about half the days have intake logged (the rest answer null, assumed). */
export function hydrationMl(day: DayFacts): number | undefined {
  const random = day.stream('hydration');
  return random() < 0.5 ? round(intBetween(random, 4, 14) * 250, 0) : undefined;
}

/** Recorded: GET /usersummary-service/stats/hydration/daily/{from}/{to} (garth stats/test_daily_hydration.yaml). */
export function hydrationEntry(day: DayFacts, loggedMl = 0) {
  const base = hydrationMl(day);
  return { calendarDate: day.date, valueInML: base === undefined && !loggedMl ? null : (base ?? 0) + loggedMl, goalInML: 2800.0 };
}

/** Recorded: GET /wellness-service/stats/daily/sleep/score/{from}/{to} (garth stats/test_daily_sleep.yaml). */
export function sleepScore(day: DayFacts): number {
  return Math.max(20, Math.min(99, Math.round((day.sleepSeconds / 3600) * 11)));
}

/** Recorded: GET /wellness-service/wellness/bodyBattery/events/{date} (garth data/test_body_battery_data_get.yaml): the night's sleep and each activity. */
export function bodyBatteryEvents(account: Account, day: DayFacts, activities: GeneratedActivity[], series: { stress: [number, number][]; bodyBattery: [number, string | null, number | null, number][] }) {
  const window = (from: number, to: number) => ({
    stressValuesArray: series.stress.filter(([t]) => t >= from && t < to),
    bodyBatteryValuesArray: series.bodyBattery.filter(([t]) => t >= from && t < to),
  });
  const average = (values: [number, number][]) => {
    const measured = values.filter(([, v]) => v >= 0);
    return measured.length ? round(measured.reduce((s, [, v]) => s + v, 0) / measured.length, 1) : null;
  };
  const offset = day.offsetMs;
  const sleepEnd = day.sleepStartMs + day.sleepSeconds * 1000;
  const sleepPart = window(day.dayStartMs, sleepEnd);
  const events = [
    {
      event: {
        eventType: 'sleep',
        eventStartTimeGmt: dotted(day.sleepStartMs).replace(/\.0$/, '.000'),
        timezoneOffset: offset,
        durationInMilliseconds: day.sleepSeconds * 1000,
        bodyBatteryImpact: day.bodyBatteryHigh - (day.bodyBatteryLow + Math.round((day.bodyBatteryHigh - day.bodyBatteryLow) * 0.3)),
        feedbackType: 'good_sleep',
        shortFeedback: 'Good sleep restored your Body Battery',
      },
      activityName: null,
      activityType: null,
      activityId: null,
      averageStress: average(sleepPart.stressValuesArray) ?? 0.0,
      ...sleepPart,
    },
    ...activities.map((a) => {
      const part = window(a.startMs, a.startMs + a.durationS * 1000);
      return {
        event: {
          eventType: 'activity',
          eventStartTimeGmt: dotted(a.startMs).replace(/\.0$/, '.000'),
          timezoneOffset: offset,
          durationInMilliseconds: a.durationS * 1000,
          bodyBatteryImpact: -Math.max(1, Math.round(a.durationS / 600)),
          feedbackType: 'exercise_effect',
          shortFeedback: 'Your activity used some of your Body Battery',
        },
        activityName: a.name,
        activityType: a.kind.typeKey,
        activityId: a.activityId,
        averageStress: average(part.stressValuesArray) ?? 0.0,
        ...part,
      };
    }),
  ];
  void account;
  return events;
}

/** The Monday-to-Sunday week start of a date (Garmin's weekly stats, garth stats/test_weekly_intensity_minutes.yaml). */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}
