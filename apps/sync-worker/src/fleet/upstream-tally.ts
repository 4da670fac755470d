import { Injectable } from '@nestjs/common';
import type { UpstreamMinute } from '@fittrack/persistence';

type Counts = Omit<UpstreamMinute, 'minute'>;

const MINUTE_MS = 60_000;

/**
 * This replica's Garmin traffic since the last report, per minute: counted in memory on every request (no
 * database write on the hot path), handed to the FleetReporter every few seconds.
 */
@Injectable()
export class UpstreamTally {
  private minutes = new Map<number, Counts>();

  /** One request's outcome, as the PoliteSender reports it. */
  request(outcome: 'ok' | '429' | 'error', at = Date.now()): void {
    const counts = this.minuteOf(at);
    counts.requests += 1;
    if (outcome === '429') counts.throttled += 1;
    if (outcome === 'error') counts.failed += 1;
  }

  /** A link started cooling down (GARMIN_THROTTLE_STRIKES throttled attempts in a row). */
  cooldownStarted(at = Date.now()): void {
    this.minuteOf(at).cooldownsStarted += 1;
  }

  /** Everything counted so far, and a fresh tally. */
  drain(): UpstreamMinute[] {
    const drained = [...this.minutes].map(([minute, counts]) => ({ minute: new Date(minute), ...counts }));
    this.minutes = new Map();
    return drained;
  }

  /** Counts a report could not store go back in, to be added by the next one. */
  restore(minutes: UpstreamMinute[]): void {
    for (const { minute, ...counts } of minutes) {
      const into = this.minuteOf(minute.getTime());
      into.requests += counts.requests;
      into.throttled += counts.throttled;
      into.failed += counts.failed;
      into.cooldownsStarted += counts.cooldownsStarted;
    }
  }

  private minuteOf(at: number): Counts {
    const minute = at - (at % MINUTE_MS);
    let counts = this.minutes.get(minute);
    if (!counts) this.minutes.set(minute, (counts = { requests: 0, throttled: 0, failed: 0, cooldownsStarted: 0 }));
    return counts;
  }
}
