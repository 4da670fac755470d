import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from './columns';
import { User } from './user.entity';

/** A planned workout from Garmin's library: the list entry, its full detail, and a few columns. */
@Entity({ name: 'workouts' })
export class Workout {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_workouts' })
  userId!: string;

  @PrimaryColumn({ name: 'workout_id', type: 'bigint', transformer: bigintAsNumber, primaryKeyConstraintName: 'pk_workouts' })
  workoutId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_workouts_user' })
  user?: User;

  @Column({ name: 'name', type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'sport_type', type: 'text', nullable: true })
  sportType!: string | null;

  /** Garmin's updateDate: a changed one means the detail is fetched again. */
  @Column({ name: 'garmin_updated_at', type: 'timestamptz', nullable: true })
  garminUpdatedAt!: Date | null;

  @Column({ name: 'summary', type: 'jsonb' })
  summary!: Record<string, unknown>;

  @Column({ name: 'detail', type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;

  /** 1 when stored, +1 on every real change of its content: the version of its change events. */
  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
