import { MessageEvent } from '@nestjs/common';
import { SyncJobView } from '@fittrack/contracts';
import { JobStream, StreamGone } from './job-stream';

const caller = { userId: 'u1', sessionId: 's1' };

function view(patch: Partial<SyncJobView>): SyncJobView {
  return {
    id: 'j1',
    userId: 'u1',
    sessionId: 's1',
    status: 'running',
    type: 'range',
    kinds: ['activities', 'health'],
    trigger: 'manual',
    progress: 0,
    processedItems: 0,
    totalItems: null,
    currentKind: null,
    byKind: {},
    from: null,
    to: null,
    error: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...patch,
  } as SyncJobView;
}

function follow(stream: JobStream) {
  const seen: MessageEvent[] = [];
  let completed = false;
  const subscription = stream.events.subscribe({ next: (e) => seen.push(e), complete: () => (completed = true) });
  return { seen, done: () => completed, subscription, views: () => seen.map((e) => `${e.type}:${(e.data as SyncJobView).status}:${(e.data as SyncJobView).processedItems}`) };
}

describe('JobStream', () => {
  it('never sends an older view after a newer one, nor the same step twice', () => {
    const release = jest.fn();
    const stream = new JobStream(caller, 'j1', release);
    const watch = follow(stream);
    stream.offer(view({ status: 'pending' }));
    stream.offer(view({ processedItems: 5, progress: 10, totalItems: 50, currentKind: 'activities' }));
    stream.offer(view({ status: 'pending' })); // a late created event
    stream.offer(view({ processedItems: 2, progress: 4, totalItems: 50, currentKind: 'activities' })); // a late progress event
    stream.offer(view({ processedItems: 5, progress: 10, totalItems: 50, currentKind: 'activities' })); // the same step again (the row)
    stream.offer(view({ processedItems: 5, progress: 10, totalItems: 50, currentKind: 'health' })); // the next kind, no new item yet
    expect(watch.views()).toEqual(['job:pending:0', 'job:running:5', 'job:running:5']);
    expect((watch.seen[2].data as SyncJobView).currentKind).toBe('health');
    expect(release).not.toHaveBeenCalled();
  });

  it('sends `end` after the terminal state, completes, and releases its slot once', () => {
    const release = jest.fn();
    const stream = new JobStream(caller, 'j1', release);
    const watch = follow(stream);
    stream.offer(view({ status: 'completed', progress: 100, processedItems: 9 }));
    stream.offer(view({ status: 'completed', progress: 100, processedItems: 10 }));
    watch.subscription.unsubscribe();
    stream.close();
    expect(watch.views()).toEqual(['end:completed:9']);
    expect(watch.done()).toBe(true);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('before Nest subscribes, keeps only the latest view, so the stream starts with the newest state known', () => {
    const stream = new JobStream(caller, 'j1', jest.fn());
    stream.offer(view({ processedItems: 3, progress: 5 })); // an event that raced the first read
    stream.offer(view({ processedItems: 1, progress: 2 })); // the first read, older
    stream.offer(view({ processedItems: 4, progress: 6 }));
    expect(follow(stream).views()).toEqual(['job:running:4']);
  });

  it('says why with `gone` when it cannot go on, and ignores views of another job or user', () => {
    const release = jest.fn();
    const stream = new JobStream(caller, 'j1', release);
    const watch = follow(stream);
    stream.offer(view({ id: 'j2' }));
    stream.offer(view({ userId: 'u2' }));
    stream.gone(StreamGone.JobDeleted);
    stream.offer(view({ processedItems: 1, progress: 1 }));
    expect(watch.seen).toEqual([{ type: 'gone', data: { reason: 'job_deleted', message: 'the job no longer exists' } }]);
    expect(watch.done()).toBe(true);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('releases its slot when the client leaves before Nest subscribed (close from the SSE signal)', () => {
    const release = jest.fn();
    const stream = new JobStream(caller, 'j1', release);
    stream.offer(view({}));
    stream.close();
    stream.close();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('sends keep-alive comments only while open and subscribed', () => {
    const stream = new JobStream(caller, 'j1', jest.fn());
    stream.keepAlive();
    const watch = follow(stream);
    stream.keepAlive();
    stream.close();
    stream.keepAlive();
    expect(watch.seen).toEqual([{ comment: 'keep-alive' }]);
  });
});
