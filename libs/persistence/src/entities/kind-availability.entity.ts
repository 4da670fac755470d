import { DataKind } from '@fittrack/contracts';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

export const KIND_AVAILABILITY_STATES = ['produces', 'absent'] as const;
export type KindAvailabilityState = (typeof KIND_AVAILABILITY_STATES)[number];

/**
 * What a sync learned of one data kind for one user: their devices produce it, or not (an absent kind is
 * asked no more). No row: nothing known yet, so the next sync probes it with one request.
 */
@Entity({ name: 'kind_availability' })
@Check('ck_kind_availability_state', `"state" IN ('produces', 'absent')`)
export class KindAvailability {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_kind_availability' })
  userId!: string;

  @PrimaryColumn({ name: 'kind', type: 'text', primaryKeyConstraintName: 'pk_kind_availability' })
  kind!: DataKind;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_kind_availability_user' })
  user?: User;

  @Column({ name: 'state', type: 'text' })
  state!: KindAvailabilityState;

  @Column({ name: 'learned_at', type: 'timestamptz' })
  learnedAt!: Date;

  /** Garmin's ids of the user's devices when it was learned (a device not among them makes an absent kind worth asking again). */
  @Column({ name: 'device_ids', type: 'text', array: true, default: () => "'{}'" })
  deviceIds!: string[];

  /** The job that learned it. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
