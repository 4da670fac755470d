import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DATA_KIND_CATALOG, EventSubject, kindsOf, SYNC_KINDS, SyncJobView, SyncKind, SyncRequestFields, SyncTrigger } from '@fittrack/contracts';
import { EventPublisher } from '@fittrack/messaging';
import { createSyncJob, JobFilter, JobPage, SyncJobStore, toJobView, transitionSyncJob } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { JobPolicy } from './job-policy';
import { OutboxRelay } from './outbox-relay';
import { ReconcileMetrics } from './reconcile.metrics';
import { SyncError } from './sync.errors';

const MAX_SPAN_DAYS = 3660;
const DAY_MS = 86_400_000;

/** Sync jobs as users and platform services ask for them; always scoped to one user. */
@Injectable()
export class SyncJobsService {
  private readonly logger = new Logger(SyncJobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SyncJobStore,
    private readonly policy: JobPolicy,
    private readonly relay: OutboxRelay,
    private readonly events: EventPublisher,
    private readonly metrics: ReconcileMetrics,
  ) {}

  /**
   * Creates a job (or finds the equivalent active one) and has its command published, through the one
   * creation path (quota and dead-job rule included). `sessionId` is the caller's API session on HTTP;
   * platform requests have none.
   */
  async start(
    userId: string,
    request: SyncRequestFields,
    origin: { trigger: SyncTrigger; sessionId?: string | null },
  ): Promise<{ job: SyncJobView; created: boolean }> {
    checkRange(request);
    const health = await this.store.linkHealthOf(this.dataSource.manager, userId);
    if (!health) throw SyncError.notLinked();
    if (health === 'needs_login' || health === 'revoked') throw SyncError.needsLogin(health);

    const kinds = groupsOf(request);
    const { job, created, redriven } = await this.dataSource.transaction((manager) =>
      createSyncJob(
        manager,
        { userId, kinds, dataKinds: request.dataKinds ?? null, ...origin, from: request.from, to: request.to },
        this.policy.creation(),
      ),
    );
    const view = toJobView(job);
    if (created || redriven) this.relay.kick();
    if (created) this.events.publish(EventSubject.SyncCreated, { job: view, at: new Date().toISOString() });
    if (redriven) {
      this.metrics.redriven('request');
      this.logger.log(`job ${job.id} of user ${userId} was dead (its command lost): re-driven for an equivalent request`);
    }
    return { job: view, created };
  }

  async get(userId: string, jobId: string): Promise<SyncJobView> {
    const view = await this.store.view(this.dataSource.manager, userId, jobId);
    if (!view) throw SyncError.jobNotFound();
    return view;
  }

  list(userId: string, filter: JobFilter): Promise<JobPage> {
    return this.store.page(this.dataSource.manager, userId, filter);
  }

  /** Cancels a pending or running job; a running one's worker stops within two seconds and keeps what it stored. */
  async cancel(userId: string, jobId: string): Promise<SyncJobView> {
    await this.get(userId, jobId);
    const result = await transitionSyncJob(this.dataSource.manager, jobId, 'cancelled', { errorMessage: 'cancelled on request' });
    if (!result.ok) {
      if (result.reason === 'not_found') throw SyncError.jobNotFound();
      throw SyncError.jobFinished(result.current);
    }
    const view = toJobView(result.job);
    this.events.publish(EventSubject.SyncCancelled, { job: view, at: new Date().toISOString() });
    return view;
  }
}

/** The job's groups: those of the types asked for, or of the data kinds named (which must then be among the types). */
function groupsOf({ types, dataKinds }: SyncRequestFields): SyncKind[] {
  const asked = kindsOf(types);
  if (!dataKinds || dataKinds.length === 0) return asked;
  const outside = dataKinds.filter((kind) => !asked.includes(DATA_KIND_CATALOG[kind].group));
  if (outside.length > 0) {
    throw SyncError.badSelection(`dataKinds ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among types ${(types ?? []).join(', ')}`);
  }
  const named = new Set(dataKinds.map((kind) => DATA_KIND_CATALOG[kind].group));
  return SYNC_KINDS.filter((group) => named.has(group));
}

function checkRange({ from, to }: SyncRequestFields): void {
  if (!from && !to) return;
  if (!from) throw SyncError.badRange('give from with to (without dates a sync is incremental)');
  const today = Date.now();
  const fromMs = from ? Date.parse(`${from}T00:00:00Z`) : undefined;
  const toMs = to ? Date.parse(`${to}T00:00:00Z`) : today;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw SyncError.badRange('from and to must be real calendar dates');
  if (fromMs !== undefined && fromMs > toMs) throw SyncError.badRange('from must not be after to');
  if (toMs > today + 2 * DAY_MS) throw SyncError.badRange('to must not be in the future');
  if (fromMs !== undefined && (toMs - fromMs) / DAY_MS > MAX_SPAN_DAYS) throw SyncError.badRange('a sync covers at most ten years');
}
