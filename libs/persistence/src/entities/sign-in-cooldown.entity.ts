import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sqlIn } from './columns';

export const SIGN_IN_COOLDOWN_REASONS = ['throttled', 'edge_refused'] as const;
export type SignInCooldownReason = (typeof SIGN_IN_COOLDOWN_REASONS)[number];

/**
 * A Garmin account we will not sign in to for a while, because Garmin refused
 * every way of signing in to it. Keyed by the SHA-256 of the normalised email
 * (the account may not be linked yet); `strikes` counts the cooldowns in a row,
 * each twice as long as the last. A successful sign-in deletes the row.
 */
@Entity({ name: 'sign_in_cooldowns' })
@Check('ck_sign_in_cooldowns_strikes', `"strikes" >= 1`)
@Check('ck_sign_in_cooldowns_reason', sqlIn('reason', SIGN_IN_COOLDOWN_REASONS))
export class SignInCooldown {
  @PrimaryColumn({ name: 'email_hash', type: 'char', length: 64, primaryKeyConstraintName: 'pk_sign_in_cooldowns' })
  emailHash!: string;

  @Column({ name: 'strikes', type: 'smallint' })
  strikes!: number;

  @Column({ name: 'cooldown_until', type: 'timestamptz' })
  cooldownUntil!: Date;

  @Column({ name: 'reason', type: 'text' })
  reason!: SignInCooldownReason;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
