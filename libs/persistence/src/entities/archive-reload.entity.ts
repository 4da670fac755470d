import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

export const ARCHIVE_RELOAD_STATUSES = ['queued', 'requested', 'done'] as const;
export type ArchiveReloadStatus = (typeof ARCHIVE_RELOAD_STATUSES)[number];

/**
 * One day of a user's that Garmin has archived (older than SYNC_ARCHIVE_AFTER_DAYS), whose intraday data
 * must be reloaded before it can be fetched: queued by a backfill, requested (a reload asked of Garmin,
 * `accepted` once Garmin answered), done once fetched.
 */
@Entity({ name: 'archive_reloads' })
@Check('ck_archive_reloads_status', `"status" IN ('queued', 'requested', 'done')`)
// calendar_date DESC in the migration (newest first); TypeORM cannot declare a column's order.
@Index('ix_archive_reloads_status', ['userId', 'status', 'calendarDate'])
export class ArchiveReload {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_archive_reloads' })
  userId!: string;

  @PrimaryColumn({ name: 'calendar_date', type: 'date', primaryKeyConstraintName: 'pk_archive_reloads' })
  calendarDate!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_archive_reloads_user' })
  user?: User;

  @Column({ name: 'status', type: 'text', default: 'queued' })
  status!: ArchiveReloadStatus;

  @Column({ name: 'queued_by_job', type: 'uuid', nullable: true })
  queuedByJob!: string | null;

  /** When the reload was (last) asked for; its request counts against that UTC day's budget. */
  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt!: Date | null;

  @Column({ name: 'requested_by_job', type: 'uuid', nullable: true })
  requestedByJob!: string | null;

  /** Garmin accepted the reload; null while its answer is not known (a worker died waiting for it). */
  @Column({ name: 'accepted', type: 'boolean', nullable: true })
  accepted!: boolean | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
