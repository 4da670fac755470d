import { Injectable, MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { SessionCaller } from '../../tokens/api-tokens.service';
import { SyncJobsService } from '../sync-jobs.service';
import { JobStream } from './job-stream';
import { StreamRegistry } from './stream-registry';

/**
 * Opens job event streams: counted against the caps first (a refused caller costs no read), then the job's
 * current row, read once, then whatever JobEventHub and StreamUpkeep offer it.
 */
@Injectable()
export class JobStreams {
  constructor(
    private readonly registry: StreamRegistry,
    private readonly jobs: SyncJobsService,
  ) {}

  /**
   * `gone` is the request's SSE signal: aborted when the client leaves, also before Nest has subscribed to the
   * stream (it then never does), so the slot is released on every path.
   */
  async open(caller: SessionCaller, jobId: string, gone: AbortSignal): Promise<Observable<MessageEvent>> {
    const stream = new JobStream(caller, jobId, (ended) => this.registry.remove(ended));
    this.registry.add(stream);
    gone.addEventListener('abort', () => stream.close(), { once: true });
    try {
      // Registered before the read, so an event that races it is not lost: the later of the two goes first.
      stream.offer(await this.jobs.get(caller.userId, jobId));
    } catch (error) {
      stream.close();
      throw error;
    }
    if (gone.aborted) stream.close();
    return stream.events;
  }
}
