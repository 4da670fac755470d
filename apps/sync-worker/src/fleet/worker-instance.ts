import { Injectable } from '@nestjs/common';
import type { WorkerIdentity } from '@fittrack/persistence';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This replica, under one name everywhere: the holder of the leases it takes, its heartbeat row, and its ping
 * answer. So the operator console can say what each worker is doing by joining the two.
 */
@Injectable()
export class WorkerInstance implements WorkerIdentity {
  readonly id = `worker-${randomUUID()}`;
  readonly host = hostname();
  readonly pid = process.pid;
  readonly startedAt = new Date();
}
