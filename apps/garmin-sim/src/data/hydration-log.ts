import { Account } from '../state/accounts';
import { SimData } from './sim-data';

/** Water the account logged (PUT /usersummary-service/usersummary/hydration/log), per day, kept per simulator. */
export class HydrationLog {
  private readonly logged = new Map<string, number>();

  static of(data: SimData): HydrationLog {
    let log = LOGS.get(data);
    if (!log) LOGS.set(data, (log = new HydrationLog()));
    return log;
  }

  log(account: Account, date: string, ml: number): void {
    const key = `${account.profileId}|${date}`;
    this.logged.set(key, (this.logged.get(key) ?? 0) + ml);
  }

  loggedMl(account: Account, date: string): number {
    return this.logged.get(`${account.profileId}|${date}`) ?? 0;
  }
}

const LOGS = new WeakMap<SimData, HydrationLog>();
