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

const contextOf = (userId: string) => `garmin-session:${userId}`;

/**
 * The one place Garmin sessions are sealed and opened. Each envelope is bound to
 * its user (AAD), so a row copied onto another user does not decrypt. Every
 * write takes the caller's transaction, so a rotated token is stored with the
 * rest of its unit of work or not at all.
 */
export class GarminLinkStore {
  constructor(private readonly cipher: SecretCipher) {}

  /** Stores a fresh session (a new sign-in): health back to active, no cooldown, version bumped. */
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
         sign_in_email_hash = COALESCE(EXCLUDED.sign_in_email_hash, garmin_authentication_states.sign_in_email_hash),
         version = garmin_authentication_states.version + 1,
         updated_at = now()`,
      [userId, link.dialect, envelope, envelopeKeyId(envelope), link.accessExpiresAt, link.refreshExpiresAt, link.signInEmailHash ?? null],
    );
  }

  /**
   * Writes a refreshed session over the one read at `expectedVersion`; false if
   * someone else wrote first (their session is then the current one). A running
   * sign-in cooldown outlives the refresh: the link keeps saying cooling_down.
   */
  async rotate<S>(manager: EntityManager, userId: string, expectedVersion: number, link: GarminLink<S>): Promise<boolean> {
    const envelope = this.cipher.encrypt(JSON.stringify(link.session), contextOf(userId));
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE garmin_authentication_states SET
         encrypted_session = $3, key_id = $4, access_expires_at = $5, refresh_expires_at = $6,
         health_status = CASE WHEN health_status = 'cooling_down' AND cooldown_until > now() THEN 'cooling_down' ELSE 'active' END,
         health_reason = CASE WHEN health_status = 'cooling_down' AND cooldown_until > now() THEN health_reason END,
         version = version + 1, updated_at = now()
       WHERE user_id = $1 AND version = $2`,
      [userId, expectedVersion, envelope, envelopeKeyId(envelope), link.accessExpiresAt, link.refreshExpiresAt],
    );
    return affected === 1;
  }

  /** Records that the session is unusable (needs a new sign-in, revoked, …), keeping the tokens for diagnosis. */
  async markUnhealthy(manager: EntityManager, userId: string, health: 'refresh_failed' | 'needs_login' | 'revoked', reason: string): Promise<void> {
    await manager.query(
      `UPDATE garmin_authentication_states SET health_status = $2, health_reason = $3, version = version + 1, updated_at = now() WHERE user_id = $1`,
      [userId, health, reason],
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
