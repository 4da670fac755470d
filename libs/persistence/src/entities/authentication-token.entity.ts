import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';

/** A short-lived API access token of a session, stored as a hash. */
@Entity({ name: 'authentication_tokens' })
@Check('ck_authentication_tokens_token_type', `"token_type" = 'Bearer'`)
export class AuthenticationToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_authentication_tokens' })
  id!: string;

  @Index('ix_authentication_tokens_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_authentication_tokens_user' })
  user?: User;

  /** SHA-256 hex of the access token. */
  @Index('uq_authentication_tokens_access_token_hash', { unique: true })
  @Column({ name: 'access_token_hash', type: 'char', length: 64 })
  accessTokenHash!: string;

  @Column({ name: 'token_type', type: 'text', default: 'Bearer' })
  tokenType!: 'Bearer';

  /** The retention sweep deletes long-expired tokens by it (ApiSessionRetention). */
  @Index('ix_authentication_tokens_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'scope', type: 'text' })
  scope!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'mfa_verified', type: 'boolean', default: false })
  mfaVerified!: boolean;

  @Index('ix_authentication_tokens_session_id')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => UserSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_authentication_tokens_session' })
  session?: UserSession;
}
