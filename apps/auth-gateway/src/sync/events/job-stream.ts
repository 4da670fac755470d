import { MessageEvent } from '@nestjs/common';
import { isTerminalStatus, SyncJobView } from '@fittrack/contracts';
import { Observable, Subscriber } from 'rxjs';
import type { SessionCaller } from '../../tokens/api-tokens.service';
import { isLaterView } from './job-view-order';

/** Why a stream stopped before its job ended; sent as an `event: gone` with `{ reason, message }`. */
export const StreamGone = {
  JobDeleted: 'job_deleted',
  /** Revoked (logout, a revoke, a reused refresh token) or expired: the caller must sign in again. */
  SessionEnded: 'session_ended',
} as const;
export type StreamGone = (typeof StreamGone)[keyof typeof StreamGone];

const GONE_MESSAGE: Record<StreamGone, string> = {
  job_deleted: 'the job no longer exists',
  session_ended: 'your sign-in was revoked or has expired; sign in again',
};

/**
 * One open GET /v1/sync/jobs/:id/events: the job's views as server-sent events (`job`, then `end` after the
 * terminal state), each strictly later than the last one sent. Views offered before Nest subscribes (the first
 * row read, an event that raced it) are collapsed into the latest one, so the stream starts with the newest
 * state known. `release` runs exactly once, however the stream ends (job over, gone, client left, shutdown).
 */
export class JobStream {
  readonly events: Observable<MessageEvent>;
  private shown?: SyncJobView;
  private unsent: MessageEvent[] = [];
  private subscriber?: Subscriber<MessageEvent>;
  private finished = false;
  private released = false;

  constructor(
    readonly caller: SessionCaller,
    readonly jobId: string,
    private readonly release: (stream: JobStream) => void,
  ) {
    this.events = new Observable<MessageEvent>((subscriber) => {
      this.subscriber = subscriber;
      for (const event of this.unsent.splice(0)) subscriber.next(event);
      if (this.finished) subscriber.complete();
      return () => this.close();
    });
  }

  /** A view of the job (the first read, an event, the safety check's row): sent if it is later than the last. */
  offer(view: SyncJobView): void {
    if (this.finished || view.id !== this.jobId || view.userId !== this.caller.userId || !isLaterView(view, this.shown)) return;
    this.shown = view;
    const ended = isTerminalStatus(view.status);
    // Not yet subscribed: only the latest view matters, an earlier one would be superseded at once.
    if (!this.subscriber) this.unsent = [];
    this.send({ type: ended ? 'end' : 'job', id: `${view.processedItems}:${view.status}`, data: view });
    if (ended) this.finish();
  }

  /** The stream cannot go on (its job was deleted, its API session revoked): says why, then ends. */
  gone(reason: StreamGone): void {
    if (this.finished) return;
    this.send({ type: 'gone', data: { reason, message: GONE_MESSAGE[reason] } });
    this.finish();
  }

  /** A comment line (ignored by clients) that keeps proxies from cutting an idle connection. */
  keepAlive(): void {
    if (this.subscriber && !this.finished) this.subscriber.next({ comment: 'keep-alive' });
  }

  /** Ends without a word (this replica shuts down): an EventSource reconnects, to another replica. */
  close(): void {
    this.finished = true;
    if (!this.released) {
      this.released = true;
      this.release(this);
    }
    this.subscriber?.complete();
  }

  get lastShown(): SyncJobView | undefined {
    return this.shown;
  }

  private send(event: MessageEvent): void {
    if (this.subscriber) this.subscriber.next(event);
    else this.unsent.push(event);
  }

  private finish(): void {
    this.finished = true;
    if (this.subscriber) this.close();
    // Not subscribed yet: the unsent events wait for Nest, and the slot is released when they have gone out.
  }
}
