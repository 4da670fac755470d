import { ActivityPartKind } from '@fittrack/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from './columns';
import { User } from './user.entity';

/** A Garmin activity: the list entry and the detail as Garmin sent them, and the columns people query. */
@Entity({ name: 'activities' })
@Index('ix_activities_user_start', ['userId', 'startTimeUtc'])
// (user_id, start_time_utc DESC NULLS LAST, activity_id DESC): TypeORM cannot say DESC, so the migration owns it.
@Index('ix_activities_user_newest', { synchronize: false })
export class Activity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_activities' })
  userId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'bigint', transformer: bigintAsNumber, primaryKeyConstraintName: 'pk_activities' })
  activityId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_activities_user' })
  user?: User;

  @Column({ name: 'name', type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'activity_type', type: 'text', nullable: true })
  activityType!: string | null;

  @Column({ name: 'start_time_utc', type: 'timestamptz', nullable: true })
  startTimeUtc!: Date | null;

  @Column({ name: 'start_date_local', type: 'date', nullable: true })
  startDateLocal!: string | null;

  @Column({ name: 'duration_s', type: 'double precision', nullable: true })
  durationS!: number | null;

  @Column({ name: 'distance_m', type: 'double precision', nullable: true })
  distanceM!: number | null;

  @Column({ name: 'calories', type: 'double precision', nullable: true })
  calories!: number | null;

  @Column({ name: 'average_hr', type: 'double precision', nullable: true })
  averageHr!: number | null;

  @Column({ name: 'summary', type: 'jsonb' })
  summary!: Record<string, unknown>;

  @Column({ name: 'detail', type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;

  /**
   * The parts (activity_parts) asked of Garmin when the detail was stored. A part with no data has no row,
   * so this is what tells "asked, none" from "never asked" (a part selected since): the sync fetches an
   * activity again when a selected part is missing here.
   */
  @Column({ name: 'parts_asked', type: 'text', array: true, default: () => "'{}'" })
  partsAsked!: ActivityPartKind[];

  /** 1 when stored, +1 on every real change of its content: the version of its change events. */
  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
