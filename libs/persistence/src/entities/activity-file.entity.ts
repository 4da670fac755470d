import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Activity } from './activity.entity';
import { bigintAsNumber } from './columns';

/** The original file of an activity (FIT, taken out of Garmin's ZIP), kept apart from the row people query. */
@Entity({ name: 'activity_files' })
export class ActivityFile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_activity_files' })
  userId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'bigint', transformer: bigintAsNumber, primaryKeyConstraintName: 'pk_activity_files' })
  activityId!: number;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'user_id', referencedColumnName: 'userId', foreignKeyConstraintName: 'fk_activity_files_activity' },
    { name: 'activity_id', referencedColumnName: 'activityId', foreignKeyConstraintName: 'fk_activity_files_activity' },
  ])
  activity?: Activity;

  @Column({ name: 'file_format', type: 'text' })
  fileFormat!: string;

  @Column({ name: 'data', type: 'bytea' })
  data!: Buffer;

  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  /** 1 when stored, +1 on every real change of its content: the version of its change events. */
  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
