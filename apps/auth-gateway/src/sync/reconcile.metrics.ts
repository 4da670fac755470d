import { Injectable } from '@nestjs/common';
import { MetricsService } from '@fittrack/app-core';
import { Counter } from 'prom-client';

/** What the reconciler did, at /metrics. */
@Injectable()
export class ReconcileMetrics {
  private readonly passes: Counter<'outcome'>;
  private readonly redrives: Counter<'reason'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.passes = new Counter({
      name: 'reconciler_passes_total',
      help: 'Reconciler ticks, by outcome (ran, skipped: another replica held the lock, failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.redrives = new Counter({
      name: 'reconciler_redrives_total',
      help: 'Commands published again, by why the job was dead (pending, running, parked, request, nightly, nightly_takeover)',
      labelNames: ['reason'],
      registers,
    });
  }

  pass(outcome: 'ran' | 'skipped' | 'failed'): void {
    this.passes.inc({ outcome });
  }

  redriven(reason: string, count = 1): void {
    if (count > 0) this.redrives.inc({ reason }, count);
  }
}
