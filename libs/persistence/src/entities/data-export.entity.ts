import { EXPORT_STATUSES, ExportStatus } from '@fittrack/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber, sqlIn } from './columns';
import { User } from './user.entity';

/**
 * A user's archive export (POST /v1/exports): its state and progress. The ZIP itself is in data_export_chunks,
 * written by the attempt named here (a redelivered command starts a new attempt, which fences out the old one).
 */
@Entity({ name: 'data_exports' })
@Index('ix_data_exports_user', ['userId', 'createdAt'])
@Check('ck_data_exports_status', sqlIn('status', EXPORT_STATUSES))
export class DataExport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_exports' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_data_exports_user' })
  user?: User;

  @Column({ name: 'status', type: 'text', default: 'pending' })
  status!: ExportStatus;

  /** 0 until a worker starts it; +1 on every start. Only the current attempt may write. */
  @Column({ name: 'attempt', type: 'integer', default: 0 })
  attempt!: number;

  @Column({ name: 'done_items', type: 'integer', default: 0 })
  doneItems!: number;

  @Column({ name: 'total_items', type: 'integer', nullable: true })
  totalItems!: number | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  sizeBytes!: number | null;

  @Column({ name: 'counts', type: 'jsonb', nullable: true })
  counts!: Record<string, number> | null;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** Touched by every write of the worker: a pending or running export untouched for long has lost its command. */
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
