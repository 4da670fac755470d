import { ACTIVITY_PART_KINDS, ActivityPartKind } from '@fittrack/contracts';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber, sqlIn } from './columns';
import { Activity } from './activity.entity';

/** One part of an activity that Garmin serves apart from its detail (splits, weather, exercise sets, time in zones): Garmin's JSON. */
@Entity({ name: 'activity_parts' })
@Check('ck_activity_parts_part', sqlIn('part', ACTIVITY_PART_KINDS))
export class ActivityPart {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_activity_parts' })
  userId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'bigint', transformer: bigintAsNumber, primaryKeyConstraintName: 'pk_activity_parts' })
  activityId!: number;

  @PrimaryColumn({ name: 'part', type: 'text', primaryKeyConstraintName: 'pk_activity_parts' })
  part!: ActivityPartKind;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'user_id', referencedColumnName: 'userId', foreignKeyConstraintName: 'fk_activity_parts_activity' },
    { name: 'activity_id', referencedColumnName: 'activityId', foreignKeyConstraintName: 'fk_activity_parts_activity' },
  ])
  activity?: Activity;

  @Column({ name: 'raw', type: 'jsonb' })
  raw!: unknown;

  /** 1 when stored, +1 on every real change of its content: the version of its change events. */
  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
