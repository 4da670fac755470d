import { Injectable } from '@nestjs/common';
import { MetricsService } from '@fittrack/app-core';
import { Counter, Histogram } from 'prom-client';

/** The worker's own series at /metrics, next to the HTTP and process ones. */
@Injectable()
export class SyncMetrics {
  private readonly jobs: Counter<'status'>;
  private readonly items: Counter<'kind'>;
  private readonly upstream: Counter<'host' | 'outcome'>;
  private readonly refreshes: Counter;
  private readonly rejections: Counter;
  private readonly duration: Histogram<'status'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.jobs = new Counter({ name: 'sync_jobs_total', help: 'Sync jobs ended, by final state', labelNames: ['status'], registers });
    this.items = new Counter({ name: 'sync_items_stored_total', help: 'Items stored (inserted or changed), by data kind', labelNames: ['kind'], registers });
    this.upstream = new Counter({
      name: 'garmin_upstream_requests_total',
      help: 'Requests to Garmin by host and outcome (ok, 429, error)',
      labelNames: ['host', 'outcome'],
      registers,
    });
    this.rejections = new Counter({ name: 'sync_commands_rejected_total', help: 'Malformed or unknown sync commands terminated', registers });
    this.refreshes = new Counter({ name: 'garmin_token_refreshes_total', help: 'Garmin access tokens refreshed', registers });
    this.duration = new Histogram({
      name: 'sync_job_duration_seconds',
      help: 'Job run time (one attempt), by final state',
      labelNames: ['status'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600],
      registers,
    });
  }

  ended(status: string, seconds: number): void {
    this.jobs.inc({ status });
    this.duration.observe({ status }, seconds);
  }

  stored(kind: string, count: number): void {
    if (count > 0) this.items.inc({ kind }, count);
  }

  upstreamRequest(host: string, outcome: 'ok' | '429' | 'error'): void {
    this.upstream.inc({ host, outcome });
  }

  rejected(): void {
    this.rejections.inc();
  }

  refreshed(): void {
    this.refreshes.inc();
  }
}
