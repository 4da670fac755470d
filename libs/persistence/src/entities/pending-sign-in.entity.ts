import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Garmin sign-in waiting for its MFA code. The state (the attempt's cookies,
 * never the password) is a secret-cipher envelope; the row dies with the
 * challenge: on success, on expiry, or when its attempts run out.
 */
@Entity({ name: 'pending_sign_ins' })
@Check('ck_pending_sign_ins_attempts_left', `"attempts_left" >= 0`)
export class PendingSignIn {
  /** The challenge id the client holds. */
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_pending_sign_ins' })
  id!: string;

  @Column({ name: 'encrypted_state', type: 'text' })
  encryptedState!: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  /** How Garmin sent the code (email, sms, …). */
  @Column({ name: 'method', type: 'text' })
  method!: string;

  /** SHA-256 of the normalised email: per-email limits without storing the address. */
  @Column({ name: 'email_hash', type: 'char', length: 64 })
  emailHash!: string;

  @Column({ name: 'attempts_left', type: 'smallint' })
  attemptsLeft!: number;

  @Index('ix_pending_sign_ins_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
