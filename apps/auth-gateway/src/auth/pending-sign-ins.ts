import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PendingMfa } from '@fittrack/garmin';
import { envelopeKeyId, SecretCipher } from '@fittrack/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { AuthError } from './auth.errors';

export interface Challenge {
  challengeId: string;
  method: string;
  expiresAt: Date;
}

/** A pending sign-in with one attempt charged to it, ready to be tried against Garmin. */
export interface ClaimedAttempt {
  challengeId: string;
  pending: PendingMfa;
  /** Attempts left if this one turns out wrong. */
  attemptsLeft: number;
  /** Whose sign-in it is (SHA-256 of the email): its cooldown and its link. */
  emailHash: string;
}

const contextOf = (challengeId: string) => `pending-sign-in:${challengeId}`;

/**
 * Sign-ins waiting for their MFA code, in PostgreSQL so any replica can finish
 * one, whatever strategy started it: the state (the library's PendingMfa: cookie
 * jar, strategy, its parameters and MFA form fields, never the password) is
 * encrypted and bound to its challenge id. Attempts are
 * charged before Garmin is asked (one atomic UPDATE), so concurrent guesses at
 * one challenge, on any replicas, can never exceed the allowance.
 */
@Injectable()
export class PendingSignIns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    private readonly config: GatewayConfig,
  ) {}

  async create(pending: PendingMfa, emailHash: string): Promise<Challenge> {
    const challengeId = randomUUID();
    const envelope = this.cipher.encrypt(JSON.stringify(pending), contextOf(challengeId));
    const expiresAt = new Date(pending.expiresAt);
    await this.dataSource.query(
      `INSERT INTO pending_sign_ins (id, encrypted_state, key_id, method, email_hash, attempts_left, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [challengeId, envelope, envelopeKeyId(envelope), pending.method, emailHash, this.config.MFA_MAX_ATTEMPTS, expiresAt],
    );
    return { challengeId, method: pending.method, expiresAt };
  }

  /** Charges one attempt to a live challenge; 410 when it is unknown, used up or expired. */
  async claim(challengeId: string): Promise<ClaimedAttempt> {
    const [row]: { encrypted_state: string; attempts_left: number; email_hash: string }[][] = await this.dataSource.query(
      `UPDATE pending_sign_ins SET attempts_left = attempts_left - 1
        WHERE id = $1 AND attempts_left > 0 AND expires_at > now()
        RETURNING encrypted_state, attempts_left, email_hash`,
      [challengeId],
    );
    const claimed = row?.[0];
    if (!claimed) throw await this.whyUnclaimable(challengeId);
    const pending = JSON.parse(this.cipher.decrypt(claimed.encrypted_state, contextOf(challengeId)).toString('utf8')) as PendingMfa;
    return { challengeId, pending, attemptsLeft: claimed.attempts_left, emailHash: claimed.email_hash };
  }

  /** The attempt never reached a verdict (Garmin down, or refusing us): give it back. */
  async refund(challengeId: string): Promise<void> {
    await this.dataSource.query(`UPDATE pending_sign_ins SET attempts_left = attempts_left + 1 WHERE id = $1`, [challengeId]);
  }

  /** Finished (signed in) or dead (out of attempts, expired at Garmin): the state goes. */
  async finish(challengeId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM pending_sign_ins WHERE id = $1`, [challengeId]);
  }

  /** Drops challenges past their expiry; any replica may run it. */
  async sweep(): Promise<void> {
    await this.dataSource.query(`DELETE FROM pending_sign_ins WHERE expires_at <= now()`);
  }

  private async whyUnclaimable(challengeId: string): Promise<AuthError> {
    const [row]: { expired: boolean }[] = await this.dataSource.query(
      `SELECT expires_at <= now() AS expired FROM pending_sign_ins WHERE id = $1`,
      [challengeId],
    );
    if (row?.expired) {
      await this.finish(challengeId);
      return AuthError.challengeExpired();
    }
    return AuthError.challengeOver();
  }
}
