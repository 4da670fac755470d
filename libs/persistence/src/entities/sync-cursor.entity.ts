import { SYNC_KINDS, SyncKind } from '@fittrack/contracts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sqlIn } from './columns';
import { User } from './user.entity';

/** How far a user's data of one kind is synced: where the next incremental sync starts. */
@Entity({ name: 'sync_cursors' })
@Check('ck_sync_cursors_kind', sqlIn('kind', SYNC_KINDS))
export class SyncCursor {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_sync_cursors' })
  userId!: string;

  @PrimaryColumn({ name: 'kind', type: 'text', primaryKeyConstraintName: 'pk_sync_cursors' })
  kind!: SyncKind;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sync_cursors_user' })
  user?: User;

  /** The last calendar day (user's time zone) fully synced. */
  @Column({ name: 'synced_through', type: 'date', nullable: true })
  syncedThrough!: string | null;

  /** The start of the newest item seen (activities). */
  @Column({ name: 'newest_item_at', type: 'timestamptz', nullable: true })
  newestItemAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
