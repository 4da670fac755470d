import { ConnectApi } from '@fittrack/garmin';
import { RecordRow } from '../rows';
import { CalendarMonth } from './calendar-months';
import { dateOf, entriesOf, idOf } from '../garmin-json';

/**
 * pgc get_scheduled_workouts: `calendar-service/year/{y}/month/{m}`, the month counted from 0 ("Garmin's API
 * uses 0-indexed months"). Its `calendarItems` hold everything on the calendar (activities too); the planned
 * workouts are those with `itemType: "workout"`, keyed by the item's `id` (one workout can be scheduled on
 * several days, each its own item) and dated by its `date`.
 */
export async function scheduledWorkoutsIn(api: ConnectApi, { year, month0 }: CalendarMonth): Promise<RecordRow[]> {
  const answer = await api.getJson<unknown>(`/calendar-service/year/${year}/month/${month0}`);
  return entriesOf(answer, 'calendarItems')
    .filter((item) => item['itemType'] === 'workout')
    .flatMap((item) => {
      const key = idOf(item, 'id');
      return key === null ? [] : [{ kind: 'scheduled_workouts' as const, key, recordedOn: dateOf(item['date']), value: null, raw: item }];
    });
}

/**
 * pgc get_training_plans: `trainingplan-service/trainingplan/plans`, an object whose `trainingPlanList` (as pgc
 * demo.py reads it) holds the user's plans, each keyed by `trainingPlanId` and dated by its `startDate`.
 */
export async function trainingPlans(api: ConnectApi): Promise<RecordRow[]> {
  const answer = await api.getJson<unknown>('/trainingplan-service/trainingplan/plans');
  return entriesOf(answer, 'trainingPlanList').flatMap((plan) => {
    const key = idOf(plan, 'trainingPlanId');
    return key === null ? [] : [{ kind: 'training_plans' as const, key, recordedOn: dateOf(plan['startDate']), value: null, raw: plan }];
  });
}
