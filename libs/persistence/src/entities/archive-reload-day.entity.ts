import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A user's reload requests of one UTC day, counted in the database so every job and worker shares the
 * per-account daily budget (SYNC_ARCHIVE_RELOADS_PER_DAY); `exhausted` once Garmin refused one (429).
 */
@Entity({ name: 'archive_reload_days' })
@Check('ck_archive_reload_days_used', '"used" >= 0')
export class ArchiveReloadDay {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_archive_reload_days' })
  userId!: string;

  @PrimaryColumn({ name: 'utc_day', type: 'date', primaryKeyConstraintName: 'pk_archive_reload_days' })
  utcDay!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_archive_reload_days_user' })
  user?: User;

  @Column({ name: 'used', type: 'integer', default: 0 })
  used!: number;

  @Column({ name: 'exhausted', type: 'boolean', default: false })
  exhausted!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
