import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/** A user's long-lived, read-only token for scripts; only its SHA-256 hash is stored. */
@Entity({ name: 'personal_access_tokens' })
@Index('ix_personal_access_tokens_user_id', ['userId', 'createdAt'])
export class PersonalAccessToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_personal_access_tokens' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_personal_access_tokens_user' })
  user?: User;

  /** The user's label for it ("grafana", "backup script"). */
  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** SHA-256 hex of the token. */
  @Index('uq_personal_access_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** Null: it lives until revoked. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
