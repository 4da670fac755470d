import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway.config';
import { JobStream } from './job-stream';
import { JobStreamError } from './job-stream.errors';

/**
 * This replica's open job event streams, found by job (events fan out to them) and by API session (a revoke
 * ends them), and counted per user and in all for the caps. In memory: a stream lives in this process's
 * connection anyway, and nothing is left behind when the process dies.
 */
@Injectable()
export class StreamRegistry {
  private readonly byJob = new Map<string, Set<JobStream>>();
  private readonly bySession = new Map<string, Set<JobStream>>();
  private readonly perUser = new Map<string, number>();
  private total = 0;

  constructor(private readonly config: GatewayConfig) {}

  /** Counts the stream in, or refuses it (429 past the user's cap, 503 past the replica's). */
  add(stream: JobStream): void {
    const { userId, sessionId } = stream.caller;
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= this.config.SSE_MAX_STREAMS_PER_USER) throw JobStreamError.tooManyForUser(this.config.SSE_MAX_STREAMS_PER_USER);
    if (this.total >= this.config.SSE_MAX_STREAMS) throw JobStreamError.replicaFull();
    this.perUser.set(userId, mine + 1);
    this.total += 1;
    addTo(this.byJob, stream.jobId, stream);
    addTo(this.bySession, sessionId, stream);
  }

  /** Counts the stream out; only JobStream's release calls this, once per stream. */
  remove(stream: JobStream): void {
    const { userId, sessionId } = stream.caller;
    if (!removeFrom(this.byJob, stream.jobId, stream)) return;
    removeFrom(this.bySession, sessionId, stream);
    const left = (this.perUser.get(userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(userId, left);
    else this.perUser.delete(userId);
    this.total -= 1;
  }

  watching(jobId: string): JobStream[] {
    return [...(this.byJob.get(jobId) ?? [])];
  }

  ofSession(sessionId: string): JobStream[] {
    return [...(this.bySession.get(sessionId) ?? [])];
  }

  all(): JobStream[] {
    return [...this.byJob.values()].flatMap((streams) => [...streams]);
  }

  get size(): number {
    return this.total;
  }

  openFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }
}

function addTo(index: Map<string, Set<JobStream>>, key: string, stream: JobStream): void {
  const streams = index.get(key) ?? new Set<JobStream>();
  streams.add(stream);
  index.set(key, streams);
}

function removeFrom(index: Map<string, Set<JobStream>>, key: string, stream: JobStream): boolean {
  const streams = index.get(key);
  if (!streams?.delete(stream)) return false;
  if (streams.size === 0) index.delete(key);
  return true;
}
