import { EntityManager } from 'typeorm';
import { FleetStore } from '../fleet/fleet.store';
import { SignInCooldownReason } from '../entities/sign-in-cooldown.entity';

/** How long cooldowns last: the first `minSeconds`, each next one twice the last, never more than `maxSeconds`. */
export interface SignInCooldownPolicy {
  minSeconds: number;
  maxSeconds: number;
}

/** A running cooldown, read by the database's clock (so every replica agrees). */
export interface ActiveCooldown {
  until: Date;
  /** Whole seconds left, at least 1: what Retry-After says. */
  secondsLeft: number;
  /** Cooldowns in a row for this account, this one included. */
  strikes: number;
  reason: SignInCooldownReason;
}

interface CooldownRow {
  cooldown_until: Date;
  seconds_left: number;
  strikes: number;
  reason: SignInCooldownReason;
}

const RETURNING = `cooldown_until, GREATEST(1, CEIL(EXTRACT(EPOCH FROM cooldown_until - now())))::int AS seconds_left, strikes, reason`;
// 2^20 times the minimum is past any sane maximum; the cap keeps power() finite however long an account is refused.
const MAX_DOUBLINGS = 20;

const toCooldown = (row: CooldownRow): ActiveCooldown => ({
  until: row.cooldown_until,
  secondsLeft: row.seconds_left,
  strikes: row.strikes,
  reason: row.reason,
});

const HEALTH_REASON: Record<SignInCooldownReason, string> = {
  throttled: 'Garmin throttled every way of signing in',
  edge_refused: "Garmin's edge refused every way of signing in",
};

/**
 * Sign-in cooldowns per Garmin account (by email hash): while one runs, the
 * gateway sends nothing to Garmin for that account. A linked account's health
 * shows `cooling_down` for as long. Every method takes the caller's manager, so
 * a cooldown is cleared in the same transaction as the link it gave way to.
 */
export class SignInCooldownStore {
  /** The account's cooldown, if one is running. */
  async active(manager: EntityManager, emailHash: string): Promise<ActiveCooldown | null> {
    const [row]: CooldownRow[] = await manager.query(
      `SELECT ${RETURNING} FROM sign_in_cooldowns WHERE email_hash = $1 AND cooldown_until > now()`,
      [emailHash],
    );
    return row ? toCooldown(row) : null;
  }

  /**
   * Starts the account's next cooldown (twice the last, within the policy), or
   * returns the running one: two refused sign-ins racing each other double it once.
   * The account's links, if any, show cooling_down until it ends.
   */
  async start(manager: EntityManager, emailHash: string, reason: SignInCooldownReason, policy: SignInCooldownPolicy): Promise<ActiveCooldown> {
    const [started]: CooldownRow[] = await manager.query(
      `INSERT INTO sign_in_cooldowns AS c (email_hash, strikes, cooldown_until, reason)
       VALUES ($1, 1, now() + make_interval(secs => LEAST($2::int, $3::int)), $4)
       ON CONFLICT (email_hash) DO UPDATE SET
         strikes = LEAST(c.strikes + 1, ${MAX_DOUBLINGS + 1}),
         cooldown_until = now() + make_interval(secs => LEAST($3::float8, $2::float8 * power(2, LEAST(c.strikes, ${MAX_DOUBLINGS})))),
         reason = EXCLUDED.reason,
         updated_at = now()
       WHERE c.cooldown_until <= now()
       RETURNING ${RETURNING}`,
      [emailHash, policy.minSeconds, policy.maxSeconds, reason],
    );
    // A cooldown that starts (not the running one returned again) is one on the operator console's timeline.
    if (started) await new FleetStore().addUpstreamMinutes(manager, 'auth-gateway', [{ minute: new Date(), requests: 0, throttled: 0, failed: 0, cooldownsStarted: 1 }]);
    const cooldown = started ? toCooldown(started) : await this.active(manager, emailHash);
    if (!cooldown) throw new Error('a sign-in cooldown ended as it was being started'); // only with a maximum under a second
    await manager.query(
      // A link that needs a new sign-in anyway keeps saying so; it only learns when that can be.
      `UPDATE garmin_authentication_states SET
         health_status = CASE WHEN health_status IN ('needs_login', 'revoked') THEN health_status ELSE 'cooling_down' END,
         health_reason = CASE WHEN health_status IN ('needs_login', 'revoked') THEN health_reason ELSE $2 END,
         cooldown_until = $3, updated_at = now()
       WHERE sign_in_email_hash = $1`,
      [emailHash, `${HEALTH_REASON[cooldown.reason]}; no sign-in before ${cooldown.until.toISOString()}`, cooldown.until],
    );
    return cooldown;
  }

  /**
   * Claims the account's one sign-in under way, for `seconds` at most (a gateway that dies mid-sign-in holds
   * it no longer); false when another sign-in for it is still running.
   */
  async claimSignIn(manager: EntityManager, emailHash: string, seconds: number): Promise<boolean> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO sign_ins_under_way AS s (email_hash, until) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (email_hash) DO UPDATE SET until = EXCLUDED.until WHERE s.until <= now()
       RETURNING email_hash`,
      [emailHash, seconds],
    );
    return claimed.length > 0;
  }

  /** The sign-in ended, whatever its outcome. */
  async releaseSignIn(manager: EntityManager, emailHash: string): Promise<void> {
    await manager.query(`DELETE FROM sign_ins_under_way WHERE email_hash = $1`, [emailHash]);
  }

  /** A sign-in got through: the account starts again from the shortest cooldown. */
  async clear(manager: EntityManager, emailHash: string): Promise<void> {
    await manager.query(`DELETE FROM sign_in_cooldowns WHERE email_hash = $1`, [emailHash]);
  }
}
