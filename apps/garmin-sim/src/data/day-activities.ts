import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { ActivityEdits } from './activity-edits';
import { SimData } from './sim-data';

const byDate = new WeakMap<object, Map<string, GeneratedActivity[]>>();

/** The account's activities of one calendar day, oldest first (deleted ones left out). */
export function activitiesOn(data: SimData, account: Account, date: string): GeneratedActivity[] {
  const index = data.activities(account);
  let dates = byDate.get(index);
  if (!dates) {
    dates = new Map();
    for (const a of [...index.newestFirst].reverse()) dates.set(a.date, [...(dates.get(a.date) ?? []), a]);
    byDate.set(index, dates);
  }
  const edits = ActivityEdits.of(data);
  return (dates.get(date) ?? []).filter((a) => !edits.isDeleted(a.activityId));
}
