import { Clock } from '../state/clock';

/**
 * Garmin keeps intraday data for about six months; older days are "offloaded" and must be reloaded with
 * POST /wellness-service/wellness/epoch/request/{date} (reference: pgc `request_reload`, "necessary because
 * Garmin offloads older data"). Assumed: the horizon is 180 days.
 */
export const ARCHIVE_AFTER_DAYS = 180;

export interface ReloadRequest {
  date: string;
  /** ISO instant of the request, by the simulator's clock. */
  at: string;
  /** Whether the date was offloaded when asked (a reload of an online day changes nothing). */
  wasArchived: boolean;
}

export type ReloadOutcome = 'accepted' | 'over-allowance';

const DAY_MS = 86_400_000;

/**
 * The reloads requested per account (profileId → dates) and Garmin's daily allowance of them. The allowance
 * counts accepted requests per UTC day of the simulator's clock (assumed: pgc #222 and garmin-grafana #77
 * speak of a daily limit, neither of when the day turns).
 */
export class ArchiveReloads {
  private readonly reloaded = new Map<number, Set<string>>();
  private readonly requests = new Map<number, { date: string; atMs: number; wasArchived: boolean }[]>();

  constructor(private readonly clock: Clock) {}

  isReloaded(profileId: number, date: string): boolean {
    return this.reloaded.get(profileId)?.has(date) ?? false;
  }

  /** Records a reload request; an offloaded date comes back at once (reference: pgc #222, "once I submitted that Reload, the data shows up in my API"). */
  request(profileId: number, date: string, archived: boolean, allowancePerDay: number): ReloadOutcome {
    if (this.countToday(profileId) >= allowancePerDay) return 'over-allowance';
    const list = this.requests.get(profileId) ?? [];
    list.push({ date, atMs: this.clock.now(), wasArchived: archived });
    this.requests.set(profileId, list);
    if (archived) {
      const dates = this.reloaded.get(profileId) ?? new Set<string>();
      dates.add(date);
      this.reloaded.set(profileId, dates);
    }
    return 'accepted';
  }

  /** Accepted requests since midnight UTC (simulator clock). */
  countToday(profileId: number): number {
    const dayStart = Math.floor(this.clock.now() / DAY_MS) * DAY_MS;
    return (this.requests.get(profileId) ?? []).filter((r) => r.atMs >= dayStart).length;
  }

  requestsOf(profileId: number): ReloadRequest[] {
    return (this.requests.get(profileId) ?? []).map((r) => ({ date: r.date, at: new Date(r.atMs).toISOString(), wasArchived: r.wasArchived }));
  }

  now(): number {
    return this.clock.now();
  }
}
