import { GatewayConfig } from '../../config/gateway.config';
import { JobStream } from './job-stream';
import { JobStreamErrorCode } from './job-stream.errors';
import { StreamRegistry } from './stream-registry';

describe('StreamRegistry', () => {
  const config = Object.assign(new GatewayConfig(), { SSE_MAX_STREAMS_PER_USER: 2, SSE_MAX_STREAMS: 3 });

  function streamOf(registry: StreamRegistry, userId: string, jobId = 'j1', sessionId = `s-${userId}`) {
    const stream = new JobStream({ userId, sessionId }, jobId, (ended) => registry.remove(ended));
    registry.add(stream);
    return stream;
  }

  it('refuses a user past their cap with 429 and the replica past its cap with 503, and a closed stream frees its slot', () => {
    const registry = new StreamRegistry(config);
    const first = streamOf(registry, 'u1');
    streamOf(registry, 'u1', 'j2');
    expect(() => streamOf(registry, 'u1')).toThrow(expect.objectContaining({ code: JobStreamErrorCode.TooManyForUser, kind: 'rate_limited' }));
    streamOf(registry, 'u2');
    expect(() => streamOf(registry, 'u3')).toThrow(expect.objectContaining({ code: JobStreamErrorCode.ReplicaFull, kind: 'unavailable' }));
    first.close();
    first.close();
    expect(registry.size).toBe(2);
    expect(registry.openFor('u1')).toBe(1);
    streamOf(registry, 'u1');
    expect(registry.openFor('u1')).toBe(2);
  });

  it('finds streams by job and by API session, and forgets them when they end', () => {
    const registry = new StreamRegistry(config);
    const a = streamOf(registry, 'u1', 'j1', 's1');
    const b = streamOf(registry, 'u2', 'j1', 's2');
    expect(registry.watching('j1')).toEqual([a, b]);
    expect(registry.ofSession('s2')).toEqual([b]);
    b.close();
    expect(registry.watching('j1')).toEqual([a]);
    expect(registry.ofSession('s2')).toEqual([]);
    a.close();
    expect(registry.all()).toEqual([]);
    expect(registry.size).toBe(0);
  });
});
