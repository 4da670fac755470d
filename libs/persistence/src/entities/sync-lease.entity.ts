import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * Who may run a job for a user right now. Taking it bumps `fence`; every write
 * a worker makes under the lease names its fence, so a worker that lost the
 * lease (paused, partitioned) can no longer write.
 */
@Entity({ name: 'sync_leases' })
export class SyncLease {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_sync_leases' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sync_leases_user' })
  user?: User;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @Column({ name: 'holder', type: 'text' })
  holder!: string;

  @Column({ name: 'fence', type: 'bigint' })
  fence!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
