import { DataKind, JobArchiveProgress, KindProgress, SYNC_JOB_STATUSES, SYNC_TRIGGERS, SYNC_TYPES, SyncJobStatus, SyncKind, SyncTrigger, SyncType } from '@fittrack/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sqlIn } from './columns';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';

/**
 * One sync of one user's data. `status` moves only through SyncJobTransitions
 * (and a trigger rejects anything else), so readers can trust it.
 */
@Entity({ name: 'sync_jobs' })
// created_at DESC in the migration (newest jobs first); TypeORM cannot declare a column's order.
@Index('ix_sync_jobs_user_created', ['userId', 'createdAt'])
@Index('ix_sync_jobs_waiting', ['userId', 'createdAt'], { where: `"waiting_since" IS NOT NULL AND "status" IN ('pending', 'running')` })
@Index('uq_sync_jobs_active_request', ['userId', 'dedupeKey'], { unique: true, where: `"status" IN ('pending', 'running')` })
@Check('ck_sync_jobs_status', sqlIn('status', SYNC_JOB_STATUSES))
@Check('ck_sync_jobs_sync_type', sqlIn('sync_type', SYNC_TYPES))
@Check('ck_sync_jobs_trigger', sqlIn('trigger', SYNC_TRIGGERS))
@Check('ck_sync_jobs_progress', '"progress" BETWEEN 0 AND 100')
export class SyncJob {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sync_jobs' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sync_jobs_user' })
  user?: User;

  /** The API session whose client asked for the job over HTTP; null for nightly and platform jobs. */
  @Index('ix_sync_jobs_session_id')
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => UserSession, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_sync_jobs_session' })
  session?: UserSession;

  @Index('ix_sync_jobs_status')
  @Column({ name: 'status', type: 'text', default: 'pending' })
  status!: SyncJobStatus;

  @Column({ name: 'progress', type: 'smallint', default: 0 })
  progress!: number;

  @Column({ name: 'sync_type', type: 'text' })
  syncType!: SyncType;

  /** The data kinds asked for, in SYNC_KINDS order. */
  @Column({ name: 'kinds', type: 'text', array: true })
  kinds!: SyncKind[];

  /** Processed and planned items per kind. */
  @Column({ name: 'by_kind', type: 'jsonb' })
  byKind!: Partial<Record<SyncKind, KindProgress>>;

  /** The data kinds the job syncs, resolved when it was made (catalog order); null for jobs made before jobs stored it. */
  @Column({ name: 'selection', type: 'text', array: true, nullable: true })
  selection!: DataKind[] | null;

  /** What the job did with Garmin's archive (queued, requested, fetched days); null when it had none to do. */
  @Column({ name: 'archive', type: 'jsonb', nullable: true })
  archive!: JobArchiveProgress | null;

  @Column({ name: 'current_kind', type: 'text', nullable: true })
  currentKind!: SyncKind | null;

  /** Same user + same key = the same request: at most one pending or running (uq_sync_jobs_active_request). */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey!: string | null;

  /** Workers do not start the job before this (nightly spreading). */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore!: Date | null;

  /** Machine-readable reason of a failure (needs_login, gave_up, …). */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'trigger', type: 'text' })
  trigger!: SyncTrigger;

  /** Requested calendar range (YYYY-MM-DD); null means incremental. */
  @Column({ name: 'range_from', type: 'date', nullable: true })
  rangeFrom!: string | null;

  @Column({ name: 'range_to', type: 'date', nullable: true })
  rangeTo!: string | null;

  @Column({ name: 'total_items', type: 'integer', nullable: true })
  totalItems!: number | null;

  @Column({ name: 'processed_items', type: 'integer', default: 0 })
  processedItems!: number;

  @Column({ name: 'attempt_count', type: 'integer', default: 0 })
  attemptCount!: number;

  /** Parked behind another job of the user's (no command in flight) since then; null when not waiting. */
  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince!: Date | null;

  /** How often the command was published again (a wake, a re-drive): part of the next one's Nats-Msg-Id. */
  @Column({ name: 'redrive_count', type: 'integer', default: 0 })
  redriveCount!: number;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
