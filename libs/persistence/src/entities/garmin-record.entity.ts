import { RECORD_KINDS, RecordKind } from '@fittrack/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sqlIn } from './columns';
import { User } from './user.entity';

/**
 * One item of a kind that is not per day (a weigh-in, a device, a piece of gear, a personal record, a
 * zone set, a scheduled workout …): Garmin's JSON as it came, keyed by Garmin's own id for the item.
 * `recorded_on` is the item's calendar day where it has one; `value` its headline figure (README,
 * "Stored data").
 */
@Entity({ name: 'garmin_records' })
@Check('ck_garmin_records_kind', sqlIn('kind', RECORD_KINDS))
@Index('ix_garmin_records_recorded_on', ['userId', 'kind', 'recordedOn'])
export class GarminRecord {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_garmin_records' })
  userId!: string;

  @PrimaryColumn({ name: 'kind', type: 'text', primaryKeyConstraintName: 'pk_garmin_records' })
  kind!: RecordKind;

  @PrimaryColumn({ name: 'record_key', type: 'text', primaryKeyConstraintName: 'pk_garmin_records' })
  recordKey!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_garmin_records_user' })
  user?: User;

  @Column({ name: 'recorded_on', type: 'date', nullable: true })
  recordedOn!: string | null;

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
