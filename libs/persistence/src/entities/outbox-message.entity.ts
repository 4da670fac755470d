import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A command written in the same transaction as the state it is about, and
 * published to JetStream afterwards by the relay (with `msg_id` as Nats-Msg-Id,
 * so publishing twice is harmless). Nothing is lost between commit and publish.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_unpublished', ['id'], { where: `"published_at" IS NULL` })
// The reconciler looks a job's latest command up by its Nats-Msg-Id.
@Index('ix_outbox_msg_id', ['msgId'])
// Change events and commands are relayed apart (sync-jobs/outbox.ts), each claim query on its own index.
@Index('ix_outbox_unpublished_data', ['id'], { where: `"published_at" IS NULL AND "subject" LIKE 'garmin.events.data.%'` })
@Index('ix_outbox_unpublished_commands', ['id'], { where: `"published_at" IS NULL AND NOT ("subject" LIKE 'garmin.events.data.%')` })
// A job's change events are counted for its completion event.
@Index('ix_outbox_job_id', ['jobId'], { where: `"job_id" IS NOT NULL` })
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox' })
  id!: string;

  @Column({ name: 'subject', type: 'text' })
  subject!: string;

  @Column({ name: 'msg_id', type: 'text' })
  msgId!: string;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The sync job whose write made it (change events); null for commands. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
