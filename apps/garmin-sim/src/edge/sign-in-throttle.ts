import { Clock } from '../state/clock';

/**
 * Garmin's sign-in throttle: kept per account and client (pgc #344: per clientId + account;
 * pgc client.py:604-613: different TLS fingerprints land in different buckets), lasting hours and
 * restarted by every refused retry (hevy2garmin #191). A bucket lifts `holdMs` after its last refusal.
 */
export class SignInThrottle {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly holdMs: number,
  ) {}

  static key(email: string, family: string, clientId: string): string {
    return `${email.toLowerCase()}|${family}|${clientId}`;
  }

  /** Throttles the bucket from now (an account set to "throttled", or a refused request). */
  arm(key: string): void {
    this.until.set(key, this.clock.now() + this.holdMs);
  }

  /** True (and restarted) when the bucket is throttled: a retry while throttled re-arms it. */
  refuses(key: string): boolean {
    const until = this.until.get(key);
    if (until === undefined || until <= this.clock.now()) return false;
    this.arm(key);
    return true;
  }

  clear(email: string): void {
    const prefix = `${email.toLowerCase()}|`;
    for (const key of [...this.until.keys()]) if (key.startsWith(prefix)) this.until.delete(key);
  }

  /** The buckets of one account still in force, as ISO times they lift at. */
  armedFor(email: string): Record<string, string> {
    const prefix = `${email.toLowerCase()}|`;
    const now = this.clock.now();
    const out: Record<string, string> = {};
    for (const [key, until] of this.until) if (key.startsWith(prefix) && until > now) out[key.slice(prefix.length)] = new Date(until).toISOString();
    return out;
  }
}
