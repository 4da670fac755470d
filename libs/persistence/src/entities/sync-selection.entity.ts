import { DataKind } from '@fittrack/contracts';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

/** A user's own selection of data kinds, in place of the deployment's default (SYNC_DEFAULT_SELECTION). */
@Entity({ name: 'sync_selections' })
@Check('ck_sync_selections_kinds', 'cardinality("kinds") > 0')
export class SyncSelection {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_sync_selections' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sync_selections_user' })
  user?: User;

  /** Catalog names, in catalog order. */
  @Column({ name: 'kinds', type: 'text', array: true })
  kinds!: DataKind[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
