import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject, kindsOf, SyncJobStatus, SyncJobView, SyncRequestFields, SyncTrigger } from '@fittrack/contracts';
import { EventPublisher } from '@fittrack/messaging';
import { enqueueSyncJob, JOB_VIEW_COLUMNS, jobViewOfRow, SyncJob, SyncJobRow, toJobView, transitionSyncJob } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { OutboxRelay } from './outbox-relay';
import { SyncError } from './sync.errors';

export interface JobPage {
  items: SyncJobView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface JobFilter {
  page: number;
  pageSize: number;
  status?: SyncJobStatus;
  /** Jobs asked for by this API session only. */
  sessionId?: string;
}

const MAX_SPAN_DAYS = 3660;
const DAY_MS = 86_400_000;

/** Sync jobs as users and platform services ask for them; always scoped to one user. */
@Injectable()
export class SyncJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Creates a job (or finds the equivalent active one) and has its command published. `sessionId` is the
   * caller's API session on HTTP; platform requests have none.
   */
  async start(
    userId: string,
    request: SyncRequestFields,
    origin: { trigger: SyncTrigger; sessionId?: string | null },
  ): Promise<{ job: SyncJobView; created: boolean }> {
    checkRange(request);
    const [link]: { health_status: string | null }[] = await this.dataSource.query(
      `SELECT g.health_status FROM users u LEFT JOIN garmin_authentication_states g ON g.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    if (!link?.health_status) throw SyncError.notLinked();
    if (link.health_status === 'needs_login' || link.health_status === 'revoked') throw SyncError.needsLogin(link.health_status);

    const { job, created } = await this.dataSource.transaction((manager) =>
      enqueueSyncJob(manager, { userId, kinds: kindsOf(request.types), ...origin, from: request.from, to: request.to }),
    );
    const view = toJobView(job);
    if (created) {
      this.relay.kick();
      this.events.publish(EventSubject.SyncCreated, { job: view, at: new Date().toISOString() });
    }
    return { job: view, created };
  }

  /** The hot read (polled by clients): one indexed row, no entity hydration. */
  async get(userId: string, jobId: string): Promise<SyncJobView> {
    const [row]: SyncJobRow[] = await this.dataSource.query(`SELECT ${JOB_VIEW_COLUMNS} FROM sync_jobs WHERE id = $1 AND user_id = $2`, [
      jobId,
      userId,
    ]);
    if (!row) throw SyncError.jobNotFound();
    return jobViewOfRow(row);
  }

  /** One page of the user's jobs, newest first; a session filter only ever matches the user's own sessions' jobs. */
  async list(userId: string, { page, pageSize, status, sessionId }: JobFilter): Promise<JobPage> {
    const [jobs, total] = await this.dataSource.getRepository(SyncJob).findAndCount({
      where: { userId, ...(status && { status }), ...(sessionId && { sessionId }) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: jobs.map(toJobView), page, pageSize, total };
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
