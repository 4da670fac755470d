import { Account } from '../state/accounts';
import { Clock } from '../state/clock';
import { activitiesOfDay, GeneratedActivity } from './activities';
import { addDays, daysBetween, todayIn } from './calendar';
import { ARCHIVE_AFTER_DAYS, ArchiveReloads } from './archive';
import { dayFacts, DayFacts } from './daily';
import { initialWorkouts, Workout } from './workouts';

interface ActivityIndex {
  today: string;
  /** Newest first, as the activity search answers. */
  newestFirst: GeneratedActivity[];
  byId: Map<number, GeneratedActivity>;
  /** Oldest first within a day, as generated. */
  byDate: Map<string, GeneratedActivity[]>;
}

/**
 * Everything generated for accounts, made lazily and cached: a server with many
 * accounts starts at once, and a hot route (the activity list) is a slice of a
 * prepared array of pre-serialised entries.
 */
export class SimData {
  private readonly activityIndexes = new Map<number, ActivityIndex>();
  private readonly workouts = new Map<number, Workout[]>();
  private nextWorkoutId = 1_500_000_000;
  readonly archive: ArchiveReloads;

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
  ) {
    this.archive = new ArchiveReloads(clock);
  }

  today(account: Account): string {
    return todayIn(account.timeZone, this.clock.now());
  }

  /** True for dates inside the account's history (which ends today). */
  hasDay(account: Account, date: string): boolean {
    const age = daysBetween(date, this.today(account));
    return age >= 0 && age < account.historyDays;
  }

  day(account: Account, date: string): DayFacts | undefined {
    return this.hasDay(account, date) ? this.withAccount(account, dayFacts(this.seed, account, date)) : undefined;
  }

  /** What depends on the account's device and on Garmin's archive rather than on the day's physiology. */
  private withAccount(account: Account, day: DayFacts): DayFacts {
    const lacks = new Set(account.lacks ?? []);
    return { ...day, archived: this.isArchived(account, day.date), produces: (kind) => !lacks.has(kind) };
  }

  /** Facts of a day outside the history, for endpoints that answer a zeroed shape rather than nothing. */
  emptyDay(account: Account, date: string): DayFacts {
    return { ...this.withAccount(account, dayFacts(this.seed, account, date)), steps: 0, hasHrv: false, hasStress: false, weightGrams: null };
  }

  activities(account: Account): ActivityIndex {
    const today = this.today(account);
    const cached = this.activityIndexes.get(account.profileId);
    if (cached && cached.today === today) return cached;
    const newestFirst: GeneratedActivity[] = [];
    for (let age = 0; age < account.historyDays; age++) {
      newestFirst.push(...activitiesOfDay(this.seed, account, addDays(today, -age)).reverse());
    }
    const byDate = new Map<string, GeneratedActivity[]>();
    for (const activity of [...newestFirst].reverse()) byDate.set(activity.date, [...(byDate.get(activity.date) ?? []), activity]);
    const index = { today, newestFirst, byId: new Map(newestFirst.map((a) => [a.activityId, a])), byDate };
    this.activityIndexes.set(account.profileId, index);
    return index;
  }

  /** The activities of one calendar day of the history (none outside it). */
  activitiesOn(account: Account, date: string): GeneratedActivity[] {
    return this.activities(account).byDate.get(date) ?? [];
  }

  /** Whether a date is older than Garmin keeps intraday data and not reloaded. */
  isArchived(account: Account, date: string): boolean {
    return daysBetween(date, this.today(account)) >= ARCHIVE_AFTER_DAYS && !this.archive.isReloaded(account.profileId, date);
  }

  workoutsOf(account: Account): Workout[] {
    let list = this.workouts.get(account.profileId);
    if (!list) {
      list = initialWorkouts(this.seed, account, this.today(account));
      this.workouts.set(account.profileId, list);
    }
    return list;
  }

  newWorkoutId(): number {
    return this.nextWorkoutId++;
  }
}
