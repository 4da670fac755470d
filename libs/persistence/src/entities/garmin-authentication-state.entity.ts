import { GARMIN_SESSION_HEALTHS, GarminSessionHealth } from '@fittrack/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { sqlIn } from './columns';
import { User } from './user.entity';

/**
 * The user's Garmin session, encrypted (an envelope of the secret cipher), with
 * what schedulers need to see without decrypting it: expiries and health.
 * `version` makes concurrent refreshes detectable (optimistic locking).
 */
@Entity({ name: 'garmin_authentication_states' })
@Check('ck_garmin_authentication_states_health_status', sqlIn('health_status', GARMIN_SESSION_HEALTHS))
export class GarminAuthenticationState {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_garmin_authentication_states' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_garmin_authentication_states_user' })
  user?: User;

  @Column({ name: 'auth_dialect', type: 'text' })
  authDialect!: string;

  @Column({ name: 'encrypted_session', type: 'text' })
  encryptedSession!: string;

  /** The key id inside `encryptedSession`, so key rotation progress can be queried. */
  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'access_expires_at', type: 'timestamptz', nullable: true })
  accessExpiresAt!: Date | null;

  @Column({ name: 'refresh_expires_at', type: 'timestamptz', nullable: true })
  refreshExpiresAt!: Date | null;

  @Column({ name: 'health_status', type: 'text', default: 'active' })
  healthStatus!: GarminSessionHealth;

  @Column({ name: 'health_reason', type: 'text', nullable: true })
  healthReason!: string | null;

  @Column({ name: 'cooldown_until', type: 'timestamptz', nullable: true })
  cooldownUntil!: Date | null;

  /** SHA-256 of the email the link was last signed in with (null for imported tokens): how a sign-in cooldown finds it. */
  @Index('ix_garmin_authentication_states_sign_in_email_hash')
  @Column({ name: 'sign_in_email_hash', type: 'char', length: 64, nullable: true })
  signInEmailHash!: string | null;

  /** The worker refreshing the session right now (GarminLinkStore.claimRefresh); null when nobody is. */
  @Column({ name: 'refresh_claimed_by', type: 'text', nullable: true })
  refreshClaimedBy!: string | null;

  /** When that claim lapses if its holder never writes back (it died): then another worker may take it. */
  @Column({ name: 'refresh_claim_expires_at', type: 'timestamptz', nullable: true })
  refreshClaimExpiresAt!: Date | null;

  /** Consecutive job attempts Garmin throttled; enough of them make the link cooling_down. */
  @Column({ name: 'throttle_strikes', type: 'integer', default: 0 })
  throttleStrikes!: number;

  @VersionColumn({ name: 'version' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
