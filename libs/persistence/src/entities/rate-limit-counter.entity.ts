import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Hits of one abuse-limit bucket in its current window (which starts at the first hit), shared by every gateway replica. */
@Entity({ name: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryColumn({ name: 'bucket', type: 'text', primaryKeyConstraintName: 'pk_rate_limit_counters' })
  bucket!: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ name: 'hits', type: 'integer' })
  hits!: number;

  @Index('ix_rate_limit_counters_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
