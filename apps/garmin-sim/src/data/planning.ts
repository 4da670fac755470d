import { Account } from '../state/accounts';
import { addDays, daysBetween } from './calendar';
import { seeded } from './random';
import { SimData } from './sim-data';
import { periodStart } from './equipment';

/** Scheduled workouts (calendar-service) and training plans (trainingplan-service). */

/** How far ahead the account has planned. */
export const PLANNED_AHEAD_DAYS = 28;

export interface ScheduledWorkout {
  id: number;
  date: string;
  workoutId: number;
  title: string;
  sportTypeKey: string;
}

/**
 * One workout a week, from the start of the history to four weeks ahead, taking the account's saved
 * workouts in turn (a deleted workout's slots go to the others). Schedule ids are stable per week.
 */
export function scheduledWorkouts(account: Account, data: SimData, from: string, to: string): ScheduledWorkout[] {
  const workouts = data.workoutsOf(account);
  if (workouts.length === 0) return [];
  const today = data.today(account);
  const first = addDays(today, -(account.historyDays - 1));
  const last = addDays(today, PLANNED_AHEAD_DAYS);
  const anchor = daysBetween('2000-01-03', first);
  const result: ScheduledWorkout[] = [];
  for (let week = Math.floor(anchor / 7); ; week++) {
    const weekStart = addDays('2000-01-03', week * 7);
    const date = addDays(weekStart, Math.floor(seeded(account.profileId, week, 'schedule')() * 7));
    if (date > last || date > to) break;
    if (date < first || date < from) continue;
    const workout = workouts[week % workouts.length];
    const sport = workout['sportType'] as { sportTypeKey: string } | undefined;
    result.push({ id: 700_000_000 + (account.profileId % 100_000) * 10_000 + (week % 10_000), date, workoutId: workout.workoutId, title: String(workout['workoutName']), sportTypeKey: sport?.sportTypeKey ?? 'running' });
  }
  return result;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * GET /calendar-service/year/{y}/month/{m} (m 0-based; pgc get_scheduled_workouts). `calendarItems` with
 * `itemType: "workout"` per kinds.md; the activities of the month as `itemType: "activity"`; other fields assumed.
 */
export function calendarMonth(account: Account, data: SimData, year: number, month0: number) {
  const from = `${year}-${pad(month0 + 1)}-01`;
  const days = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  const to = `${year}-${pad(month0 + 1)}-${pad(days)}`;
  const workouts = scheduledWorkouts(account, data, from, to).map((s) => ({
    id: s.id,
    itemType: 'workout',
    activityTypeId: null,
    date: s.date,
    title: s.title,
    workoutId: s.workoutId,
    sportTypeKey: s.sportTypeKey,
    isRace: false,
    recurrenceId: null,
  }));
  const activities = data
    .activities(account)
    .newestFirst.filter((a) => a.date >= from && a.date <= to)
    .reverse()
    .map((a) => ({ id: a.activityId, itemType: 'activity', activityTypeId: a.kind.typeId, date: a.date, title: a.name, duration: a.durationS * 1000, distance: a.distanceM, calories: a.calories, isRace: false }));
  return {
    startDayOfMonth: new Date(Date.UTC(year, month0, 1)).getUTCDay(),
    numOfDaysInMonth: days,
    numOfDaysInPrevMonth: new Date(Date.UTC(year, month0, 0)).getUTCDate(),
    month: month0,
    year,
    calendarItems: [...workouts, ...activities].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** Half of the accounts follow an adaptive plan, restarted every 12 weeks. */
export function trainingPlanOf(account: Account, today: string) {
  if (account.profileId % 2 === 0) return null;
  const startDate = periodStart(account, today, 84);
  return { trainingPlanId: 30_000_000 + (account.profileId % 100_000), startDate, endDate: addDays(startDate, 83) };
}

/** GET /trainingplan-service/trainingplan/plans (pgc demo.py reads `trainingPlanList[].trainingPlanId, name, trainingPlanCategory`). */
export function trainingPlans(account: Account, today: string) {
  const plan = trainingPlanOf(account, today);
  return {
    trainingPlanList: plan
      ? [
          {
            trainingPlanId: plan.trainingPlanId,
            name: 'Garmin Coach 10K',
            trainingPlanCategory: 'FBT_ADAPTIVE',
            trainingType: { typeKey: 'running' },
            startDate: `${plan.startDate}T00:00:00.0`,
            endDate: `${plan.endDate}T00:00:00.0`,
            durationInWeeks: 12,
            userProfilePk: account.profileId,
          },
        ]
      : [],
  };
}
