import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DataExport } from './data-export.entity';
import { User } from './user.entity';

/** One piece of an export's ZIP, in order (`seq`), as written by one attempt; the download streams them. */
@Entity({ name: 'data_export_chunks' })
export class DataExportChunk {
  @PrimaryColumn({ name: 'export_id', type: 'uuid', primaryKeyConstraintName: 'pk_data_export_chunks' })
  exportId!: string;

  @PrimaryColumn({ name: 'attempt', type: 'integer', primaryKeyConstraintName: 'pk_data_export_chunks' })
  attempt!: number;

  @PrimaryColumn({ name: 'seq', type: 'integer', primaryKeyConstraintName: 'pk_data_export_chunks' })
  seq!: number;

  @ManyToOne(() => DataExport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'export_id', foreignKeyConstraintName: 'fk_data_export_chunks_export' })
  dataExport?: DataExport;

  /** The owner, so that deleting a user (table by table) names these rows too. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_data_export_chunks_user' })
  user?: User;

  @Column({ name: 'data', type: 'bytea' })
  data!: Buffer;
}
