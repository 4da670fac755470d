import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The next instant a request may go to Garmin, per account and overall, shared by every worker. */
@Entity({ name: 'upstream_budgets' })
export class UpstreamBudget {
  @PrimaryColumn({ name: 'key', type: 'text', primaryKeyConstraintName: 'pk_upstream_budgets' })
  key!: string;

  @Column({ name: 'next_free_at', type: 'timestamptz' })
  nextFreeAt!: Date;
}
