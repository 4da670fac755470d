import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NightlyTrigger = 'schedule' | 'operator';

/** One nightly run: when, what it enqueued, whom it skipped and why. */
@Entity({ name: 'nightly_runs' })
@Check('ck_nightly_runs_trigger', `"trigger" IN ('schedule', 'operator')`)
@Index('uq_nightly_runs_scheduled_date', ['runDate'], { unique: true, where: `"trigger" = 'schedule'` })
@Index('ix_nightly_runs_unfinished', ['claimedUntil'], { where: `"finished_at" IS NULL` })
export class NightlyRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_nightly_runs' })
  id!: string;

  /** The calendar day (in NIGHTLY_TIME_ZONE) the run is for: part of every job id it makes. */
  @Column({ name: 'run_date', type: 'date' })
  runDate!: string;

  @Column({ name: 'trigger', type: 'text' })
  trigger!: NightlyTrigger;

  @Index('ix_nightly_runs_started')
  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'users_enqueued', type: 'integer', default: 0 })
  usersEnqueued!: number;

  /** Users whose job for the day already existed (a re-run, or an equivalent job already active). */
  @Column({ name: 'users_already_queued', type: 'integer', default: 0 })
  usersAlreadyQueued!: number;

  /** Users skipped, by reason (needs_login, revoked, cooling_down). */
  @Column({ name: 'skipped', type: 'jsonb', default: {} })
  skipped!: Record<string, number>;

  /** Sessions near the end of their refresh credentials, sent to the workers to refresh. */
  @Column({ name: 'refreshes_requested', type: 'integer', default: 0 })
  refreshesRequested!: number;

  /** The gateway replica running it (or that ran it last). */
  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy!: string | null;

  /** Renewed while the run runs; an unfinished run past it lost its replica, and another takes it over. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  /** How often another replica took the run over from one that died. */
  @Column({ name: 'takeovers', type: 'integer', default: 0 })
  takeovers!: number;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;
}
