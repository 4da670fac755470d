import { Clock } from '../state/clock';

/**
 * Garmin keeps intraday data for about six months; older days are "offloaded" and must be reloaded with
 * POST /wellness-service/wellness/epoch/request/{date} (reference: pgc `request_reload`, "necessary because
 * Garmin offloads older data"). Assumed: the horizon is 180 days.
 */
export const ARCHIVE_AFTER_DAYS = 180;

/** The reloads requested per account (profileId → dates). The endpoint and its daily allowance: see archive.routes.ts. */
export class ArchiveReloads {
  private readonly reloaded = new Map<number, Set<string>>();

  constructor(private readonly clock: Clock) {}

  isReloaded(profileId: number, date: string): boolean {
    return this.reloaded.get(profileId)?.has(date) ?? false;
  }

  markReloaded(profileId: number, date: string): void {
    let dates = this.reloaded.get(profileId);
    if (!dates) this.reloaded.set(profileId, (dates = new Set()));
    dates.add(date);
  }

  now(): number {
    return this.clock.now();
  }
}
