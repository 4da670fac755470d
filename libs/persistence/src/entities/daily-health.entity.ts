import { HEALTH_METRICS, HealthMetric } from '@fittrack/contracts';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sqlIn } from './columns';
import { User } from './user.entity';

/**
 * One health metric of one calendar day (the user's Garmin time zone): Garmin's
 * JSON as it came, and the metric's headline figure in `value` (see README,
 * "Stored data", for what each one is).
 */
@Entity({ name: 'daily_health' })
@Check('ck_daily_health_metric', sqlIn('metric', HEALTH_METRICS))
export class DailyHealth {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_daily_health' })
  userId!: string;

  @PrimaryColumn({ name: 'calendar_date', type: 'date', primaryKeyConstraintName: 'pk_daily_health' })
  calendarDate!: string;

  @PrimaryColumn({ name: 'metric', type: 'text', primaryKeyConstraintName: 'pk_daily_health' })
  metric!: HealthMetric;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_daily_health_user' })
  user?: User;

  @Column({ name: 'value', type: 'double precision', nullable: true })
  value!: number | null;

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
