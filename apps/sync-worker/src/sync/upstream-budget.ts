import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiter, Release } from '@fittrack/garmin';
import { UpstreamBudgetStore } from '@fittrack/persistence';
import { setImmediate, setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';

interface Careful {
  /** The answer of the one request on its way, which the others wait for. */
  inFlight?: Promise<void>;
  calm: number;
}

/** Timers may fire a millisecond early and clocks differ a little: a Retry-After is waited out with this to spare. */
const TIMER_MARGIN_MS = 50;
const SHARED_PENALTY_READ_MS = 1000;
/** Answers in a row without a 429 after which a throttled account is asked at full speed again. */
const CALM_ANSWERS = 10;
/** An answer that is never reported (a bug, a lost callback) holds a careful account back no longer than this. */
const IN_FLIGHT_MAX_MS = 60_000;
const NOTHING_TO_RELEASE: Release = () => undefined;

/**
 * The request budget every worker shares, in PostgreSQL: each key (one per
 * account, one overall) holds the next free instant; taking a slot pushes it
 * by 1/rate, so N workers together never exceed the rate. A 429 with
 * Retry-After pushes the account's instant past the wait, for every worker.
 */
@Injectable()
export class UpstreamBudget implements RateLimiter {
  private readonly intervals: { key: (account: string) => string; seconds: number }[];
  private readonly tightestIntervalMs: number;
  /** Budget keys known to have their row. */
  private readonly known = new Set<string>();
  /** This process's own Retry-After deadlines: its other requests see them at once, before the database does. */
  private readonly penalties = new Map<string, number>();
  /** Other workers' Retry-After deadlines as last read, per account, and when they were read. */
  private readonly shared = new Map<string, { until: number; readAt: number }>();
  /** Accounts that were throttled lately, asked one request at a time. */
  private readonly careful = new Map<string, Careful>();
  private readonly store: UpstreamBudgetStore;

  constructor(@InjectDataSource() dataSource: DataSource, config: WorkerConfig) {
    this.store = new UpstreamBudgetStore(dataSource.manager);
    this.intervals = [
      ...(config.GARMIN_ACCOUNT_RATE_PER_SECOND > 0 ? [{ key: (a: string) => `account:${a}`, seconds: 1 / config.GARMIN_ACCOUNT_RATE_PER_SECOND }] : []),
      ...(config.GARMIN_GLOBAL_RATE_PER_SECOND > 0 ? [{ key: () => 'global', seconds: 1 / config.GARMIN_GLOBAL_RATE_PER_SECOND }] : []),
    ];
    this.tightestIntervalMs = Math.min(...this.intervals.map((i) => i.seconds * 1000));
  }

  /**
   * A throttled account is asked carefully: after a 429 with Retry-After, one request at a time, until
   * CALM_ANSWERS in a row came back without one. The first request after the wait is then a probe the
   * others wait for, so Garmin is not met by every waiting request at the instant the wait ends, and no
   * second request is on its way while a 429 may be arriving.
   */
  async acquire(account: string): Promise<Release> {
    for (;;) {
      await this.waitOutPenalties(account);
      if (this.intervals.length > 0) {
        const wait = await this.takeSlot(account);
        const slotAt = Date.now() + wait;
        if (wait > 0) await sleep(wait);
        // A Retry-After that arrived while we waited voids the slot: queue again behind it, or every
        // waiting request would go out together the moment it ends. So does waking up late (a busy
        // event loop): late requests sent at once would bunch up and break the rate Garmin sees.
        if (this.penalised(account) || Date.now() - slotAt > this.tightestIntervalMs) continue;
      }
      // Answers that have already arrived are read before this request leaves: one of them may be a 429.
      await setImmediate();
      if (this.penalised(account)) continue;
      const careful = this.careful.get(account);
      if (!careful) return NOTHING_TO_RELEASE;
      if (careful.inFlight) {
        await careful.inFlight;
        continue;
      }
      return this.sendCarefully(account, careful);
    }
  }

  private sendCarefully(account: string, careful: Careful): Release {
    let answered: Release = NOTHING_TO_RELEASE;
    const inFlight = new Promise<void>((resolve) => (answered = resolve));
    // Should its answer never be reported, the account is still let go: nobody waits on it for ever.
    const timer = setTimeout(() => answered(), IN_FLIGHT_MAX_MS);
    timer.unref();
    careful.inFlight = inFlight;
    return () => {
      clearTimeout(timer);
      if (careful.inFlight === inFlight) careful.inFlight = undefined;
      // Called after any penalize the answer led to: a fresh Retry-After starts the count again.
      careful.calm = this.penalised(account) ? 0 : careful.calm + 1;
      if (careful.calm >= CALM_ANSWERS && this.careful.get(account) === careful) this.careful.delete(account);
      answered();
    };
  }

  /**
   * Reserves one instant in every key at once: the latest of their next free instants (or now), after
   * which each key's next free instant is one of its own intervals later. Reserving each key apart would
   * let a request wait on the global key while its account key's slot passed unused, and the account's
   * requests would then go out bunched at the global spacing.
   */
  private async takeSlot(account: string): Promise<number> {
    const intervals = this.intervals.map((i) => ({ key: i.key(account), seconds: i.seconds }));
    const fresh = intervals.map((i) => i.key).filter((key) => !this.known.has(key));
    if (fresh.length > 0) {
      await this.store.ensureKeys(fresh);
      if (this.known.size > 10_000) this.known.clear();
      for (const key of fresh) this.known.add(key);
    }
    return this.store.reserveSlot(intervals);
  }

  private penalised(account: string): boolean {
    return (this.penalties.get(account) ?? 0) > Date.now();
  }

  /** Garmin said "not before N seconds" for this account: nobody asks for it earlier. */
  async penalize(account: string, seconds: number): Promise<void> {
    const careful = this.careful.get(account);
    if (careful) careful.calm = 0;
    else {
      if (this.careful.size > 10_000) this.careful.clear();
      this.careful.set(account, { calm: 0 });
    }
    this.penalties.set(account, Math.max(this.penalties.get(account) ?? 0, Date.now() + seconds * 1000 + TIMER_MARGIN_MS));
    await this.store.holdAccount(account, seconds + TIMER_MARGIN_MS / 1000);
  }

  /**
   * Sleeps past any Retry-After for the account, this process's own and the one other workers recorded,
   * until one look at both finds none. The local deadline is read after the database answers: a 429 that
   * arrived while the shared one was being read must hold this request back too. Waiting one out makes
   * the account careful.
   */
  private async waitOutPenalties(account: string): Promise<void> {
    for (;;) {
      const shared = await this.sharedPenalty(account);
      const wait = Math.max(shared, this.penalties.get(account) ?? 0) - Date.now();
      if (wait <= 0) {
        this.penalties.delete(account);
        return;
      }
      if (!this.careful.has(account)) this.careful.set(account, { calm: 0 });
      await sleep(wait);
    }
  }

  /**
   * Another worker's Retry-After for the account. A user's jobs run on one worker at a time (the lease), so
   * this only matters when a job moves between workers: reading it once a second is plenty, and spares
   * a database round trip per request.
   */
  private async sharedPenalty(account: string): Promise<number> {
    const known = this.shared.get(account);
    if (known && Date.now() - known.readAt < SHARED_PENALTY_READ_MS) return known.until;
    const heldMs = await this.store.accountHeldForMs(account);
    const until = Date.now() + heldMs;
    if (this.shared.size > 10_000) this.shared.clear();
    this.shared.set(account, { until, readAt: Date.now() });
    return until;
  }
}
