import { GarminSessionHealth } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { envelopeKeyId, SecretCipher } from '../crypto/secret-cipher';
import { GarminAuthenticationState } from '../entities/garmin-authentication-state.entity';

/** A Garmin session as the store keeps it: opaque JSON plus what schedulers read without decrypting. */
export interface GarminLink<S> {
  dialect: string;
  session: S;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  /** SHA-256 of the email it was signed in with; omitted (imported tokens) keeps the one known. */
  signInEmailHash?: string;
}

/** A link after a throttled job attempt: its health, how many throttled attempts in a row, and until when it cools down. */
export interface ThrottleRecord {
  health: GarminSessionHealth;
  strikes: number;
  cooldownUntil: Date | null;
}

const contextOf = (userId: string) => `garmin-session:${userId}`;

/**
 * The one place Garmin sessions are sealed and opened. Each envelope is bound to
 * its user (AAD), so a row copied onto another user does not decrypt. Every
 * method takes the caller's manager (a transaction, or none). A refresh is
 * claimRefresh, then Garmin with nothing open, then writeBack: no row lock is
 * held while Garmin answers, and the claim keeps it single-flight.
 */
export class GarminLinkStore {
  constructor(private readonly cipher: SecretCipher) {}

  /** Stores a fresh session (a new sign-in): health back to active, no cooldown, claim or strikes, version bumped. */
  async save<S>(manager: EntityManager, userId: string, link: GarminLink<S>): Promise<void> {
    const envelope = this.cipher.encrypt(JSON.stringify(link.session), contextOf(userId));
    await manager.query(
      `INSERT INTO garmin_authentication_states
         (user_id, auth_dialect, encrypted_session, key_id, access_expires_at, refresh_expires_at, health_status, version, sign_in_email_hash)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', 1, $7)
       ON CONFLICT (user_id) DO UPDATE SET
         auth_dialect = EXCLUDED.auth_dialect,
         encrypted_session = EXCLUDED.encrypted_session,
         key_id = EXCLUDED.key_id,
         access_expires_at = EXCLUDED.access_expires_at,
         refresh_expires_at = EXCLUDED.refresh_expires_at,
         health_status = 'active',
         health_reason = NULL,
         cooldown_until = NULL,
         refresh_claimed_by = NULL,
         refresh_claim_expires_at = NULL,
         throttle_strikes = 0,
         sign_in_email_hash = COALESCE(EXCLUDED.sign_in_email_hash, garmin_authentication_states.sign_in_email_hash),
         version = garmin_authentication_states.version + 1,
         updated_at = now()`,
      [userId, link.dialect, envelope, envelopeKeyId(envelope), link.accessExpiresAt, link.refreshExpiresAt, link.signInEmailHash ?? null],
    );
  }

  /** The user's stored state (envelope, expiries, health, claim), or null when no Garmin account is linked. */
  find(manager: EntityManager, userId: string): Promise<GarminAuthenticationState | null> {
    return manager.getRepository(GarminAuthenticationState).findOneBy({ userId });
  }

  /**
   * Takes the right to refresh the session stored at `seenVersion`, for `ttlSeconds`: one conditional UPDATE,
   * no lock held afterwards. False when the version moved (someone refreshed: read theirs), the link needs a
   * sign-in, or another holder's claim is still running (wait for its result). A lapsed claim (its holder
   * died or lost the database) can be taken; the holder itself may take its own claim again.
   */
  async claimRefresh(manager: EntityManager, userId: string, seenVersion: number, holder: string, ttlSeconds: number): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE garmin_authentication_states SET refresh_claimed_by = $3, refresh_claim_expires_at = now() + make_interval(secs => $4::float8)
       WHERE user_id = $1 AND version = $2 AND health_status NOT IN ('needs_login', 'revoked')
         AND (refresh_claimed_by IS NULL OR refresh_claimed_by = $3 OR refresh_claim_expires_at <= now())`,
      [userId, seenVersion, holder, ttlSeconds],
    );
    return affected === 1;
  }

  /** Gives a claim back without a new session (the refresh failed), so waiters need not sit out its expiry. */
  async releaseClaim(manager: EntityManager, userId: string, holder: string): Promise<void> {
    await manager.query(
      `UPDATE garmin_authentication_states SET refresh_claimed_by = NULL, refresh_claim_expires_at = NULL WHERE user_id = $1 AND refresh_claimed_by = $2`,
      [userId, holder],
    );
  }

  /**
   * Writes a refreshed session over the one read at `seenVersion`, ending the claim. It lands while the
   * version is unchanged and no other holder has a running claim (ours, none, or a lapsed one): a holder
   * that lost the database for longer than its claim still stores its token if nobody else refreshed.
   * False otherwise: the stored session moved on (another refresh, a new sign-in, needs_login) or the row
   * is gone (unlinked). A running sign-in cooldown outlives the refresh: the link keeps saying cooling_down.
   */
  async writeBack<S>(manager: EntityManager, userId: string, seenVersion: number, holder: string, link: GarminLink<S>): Promise<boolean> {
    const envelope = this.cipher.encrypt(JSON.stringify(link.session), contextOf(userId));
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE garmin_authentication_states SET
         encrypted_session = $3, key_id = $4, access_expires_at = $5, refresh_expires_at = $6,
         health_status = CASE WHEN health_status = 'cooling_down' AND cooldown_until > now() THEN 'cooling_down' ELSE 'active' END,
         health_reason = CASE WHEN health_status = 'cooling_down' AND cooldown_until > now() THEN health_reason END,
         refresh_claimed_by = NULL, refresh_claim_expires_at = NULL,
         version = version + 1, updated_at = now()
       WHERE user_id = $1 AND version = $2
         AND (refresh_claimed_by IS NULL OR refresh_claimed_by = $7 OR refresh_claim_expires_at <= now())`,
      [userId, seenVersion, envelope, envelopeKeyId(envelope), link.accessExpiresAt, link.refreshExpiresAt, holder],
    );
    return affected === 1;
  }

  /**
   * Records that the session is unusable (needs a new sign-in, revoked, …), keeping the tokens for diagnosis,
   * and ends any refresh claim. needs_login and revoked bump the version, so refresh waiters see it at once;
   * refresh_failed does not (the session did not change, and a write-back still pending over it must land).
   */
  async markUnhealthy(manager: EntityManager, userId: string, health: 'refresh_failed' | 'needs_login' | 'revoked', reason: string): Promise<void> {
    await manager.query(
      `UPDATE garmin_authentication_states SET health_status = $2, health_reason = $3, refresh_claimed_by = NULL, refresh_claim_expires_at = NULL,
         version = version + CASE WHEN $2 = 'refresh_failed' THEN 0 ELSE 1 END, updated_at = now() WHERE user_id = $1`,
      [userId, health, reason],
    );
  }

  /**
   * One more job attempt that Garmin throttled. From the `threshold`-th in a row the link is cooling_down until
   * `retryAt` (never earlier than a cooldown already running), with `reason`; needs_login and revoked stay, and
   * a running sign-in cooldown keeps its own reason. The version is not bumped: the session did not change.
   */
  async recordThrottled(manager: EntityManager, userId: string, retryAt: Date, threshold: number, reason: string): Promise<ThrottleRecord | undefined> {
    const [rows]: [ThrottleRecord[], number] = await manager.query(
      `UPDATE garmin_authentication_states AS g SET
         throttle_strikes = g.throttle_strikes + 1,
         health_status = CASE WHEN g.health_status IN ('needs_login', 'revoked') OR g.throttle_strikes + 1 < $3 THEN g.health_status ELSE 'cooling_down' END,
         health_reason = CASE
           WHEN g.health_status IN ('needs_login', 'revoked') OR g.throttle_strikes + 1 < $3 THEN g.health_reason
           WHEN g.health_status = 'cooling_down' AND g.cooldown_until > now() AND g.health_reason IS DISTINCT FROM $4 THEN g.health_reason
           ELSE $4 END,
         cooldown_until = CASE
           WHEN g.health_status IN ('needs_login', 'revoked') OR g.throttle_strikes + 1 < $3 THEN g.cooldown_until
           ELSE GREATEST(COALESCE(g.cooldown_until, $2::timestamptz), $2::timestamptz) END,
         updated_at = now()
       WHERE g.user_id = $1
       RETURNING g.health_status AS health, g.throttle_strikes AS strikes, g.cooldown_until AS "cooldownUntil"`,
      [userId, retryAt, threshold, reason],
    );
    return rows[0];
  }

  /**
   * A job completed: the throttle strikes start again from zero, and a throttling cooldown (the one whose
   * reason is `reason`) ends at once. needs_login, revoked and a sign-in cooldown are left as they are.
   * Writes nothing when there is nothing to reset, which is almost always.
   */
  async recordRecovered(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE garmin_authentication_states AS g SET
         throttle_strikes = 0,
         health_status = CASE WHEN g.health_status = 'cooling_down' AND g.health_reason = $2 THEN 'active' ELSE g.health_status END,
         health_reason = CASE WHEN g.health_status = 'cooling_down' AND g.health_reason = $2 THEN NULL ELSE g.health_reason END,
         cooldown_until = CASE WHEN g.health_status = 'cooling_down' AND g.health_reason = $2 THEN NULL ELSE g.cooldown_until END,
         updated_at = now()
       WHERE g.user_id = $1 AND (g.throttle_strikes > 0 OR (g.health_status = 'cooling_down' AND g.health_reason = $2))`,
      [userId, reason],
    );
  }

  /** The decrypted session of a stored state. */
  open<S>(state: GarminAuthenticationState): S {
    return JSON.parse(this.cipher.decrypt(state.encryptedSession, contextOf(state.userId)).toString('utf8')) as S;
  }

  /** Forgets the user's Garmin tokens; false when there were none. */
  async forget(manager: EntityManager, userId: string): Promise<boolean> {
    const result = await manager.delete(GarminAuthenticationState, { userId });
    return (result.affected ?? 0) > 0;
  }
}
