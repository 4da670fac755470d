import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserSession } from './user-session.entity';

/** A refresh token its session has rotated away from: seeing it again means it was stolen. */
@Entity({ name: 'rotated_refresh_tokens' })
export class RotatedRefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'char', length: 64, primaryKeyConstraintName: 'pk_rotated_refresh_tokens' })
  tokenHash!: string;

  @Index('ix_rotated_refresh_tokens_session_id')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => UserSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_rotated_refresh_tokens_session' })
  session?: UserSession;

  /** The retention sweep deletes by age (ApiSessionRetention). */
  @Index('ix_rotated_refresh_tokens_rotated_at')
  @CreateDateColumn({ name: 'rotated_at', type: 'timestamptz' })
  rotatedAt!: Date;
}
