import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { acquireLease, Lease, leaseHolder, parkSyncJob, releaseLease, renewLease, SyncJob, wakeNextWaitingJob } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { WorkerInstance } from '../fleet/worker-instance';
import { JobContext } from './job-context';
import type { Delivery, Verdict } from './job-runner';

/** How soon a job tries again when the lease it lost a race for turns out to be free already. */
const FREED_RETRY_MS = 250;

/**
 * The user's lease around a job: taken before it runs, kept alive while it runs (with JetStream's ack
 * timer), given up after, and the next job of that user woken. A job whose user's lease is held by
 * another job waits parked, at no cost per tick: its command is settled and nothing polls for it.
 */
@Injectable()
export class JobLeases {
  private readonly logger = new Logger(JobLeases.name);
  /** Leases are held under the replica's one name, which its heartbeat carries too. */
  readonly holder: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: WorkerConfig,
    instance: WorkerInstance,
  ) {
    this.holder = instance.id;
  }

  acquire(job: SyncJob): Promise<Lease | undefined> {
    return acquireLease(this.dataSource.manager, job.userId, job.id, this.holder, this.config.SYNC_LEASE_TTL_MS);
  }

  /**
   * The lease is taken. By an earlier delivery of this same job (a worker that died or stalls mid-run): try
   * once more when that lease would run out, so a dead worker's job goes on promptly. By another job: park
   * this one and settle its command; whoever releases the lease wakes it.
   */
  async wait(job: SyncJob): Promise<Verdict> {
    const manager = this.dataSource.manager;
    const holder = await leaseHolder(manager, job.userId);
    if (!holder) return { retryInMs: FREED_RETRY_MS };
    const leftMs = holder.expiresAt.getTime() - Date.now();
    if (holder.jobId === job.id) return { retryInMs: Math.min(this.config.SYNC_LEASE_TTL_MS, Math.max(FREED_RETRY_MS, leftMs + FREED_RETRY_MS)) };
    if (!(await parkSyncJob(manager, job.id))) return { ack: true };
    // The holder may have let go between our try and the park, and found nobody parked to wake: look again.
    const now = await leaseHolder(manager, job.userId);
    if (!now || now.expiresAt.getTime() <= Date.now()) await wakeNextWaitingJob(manager, job.userId);
    this.logger.debug(`job ${job.id} waits for job ${holder.jobId} of user ${job.userId}`);
    return { ack: true };
  }

  /** Gives the lease up and wakes the user's next parked job. */
  async release(lease: Lease): Promise<void> {
    const manager = this.dataSource.manager;
    try {
      if (await releaseLease(manager, lease)) await wakeNextWaitingJob(manager, lease.userId);
    } catch (error) {
      // The lease runs out by itself; a parked job is then woken by the gateway's reconciler.
      this.logger.warn(`user ${lease.userId}: could not release the lease or wake the next job (${String(error)})`);
    }
  }

  /**
   * While a job runs: tells JetStream it is still being worked on, renews the lease (a lost one stops the
   * job), writes its progress, and passes a shutdown on. Returns the function that stops the beat.
   */
  heartbeat(ctx: JobContext, lease: Lease, delivery: Delivery): () => void {
    const timer = setInterval(() => {
      delivery.working();
      if (delivery.stopping()) ctx.stop('shutdown');
      renewLease(this.dataSource.manager, lease, this.config.SYNC_LEASE_TTL_MS).then(
        (held) => held || ctx.stop('lease_lost'),
        () => undefined,
      );
      ctx.flush().catch(() => undefined);
    }, Math.min(this.config.SYNC_LEASE_TTL_MS, this.config.SYNC_ACK_WAIT_MS) / 4);
    return () => clearInterval(timer);
  }
}
