import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { GarminErrorCode } from '../errors';
import { PoliteSender } from './polite-sender';

/** A local server that answers every request with `status` (and the headers given), counting them. */
async function answering(status: number, headers: Record<string, string> = {}): Promise<{ url: string; count: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((_request, response) => {
    requests++;
    response.writeHead(status, headers).end(status === 200 ? '{"padding":"' + 'x'.repeat(4096) + '"}' : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, count: () => requests, server };
}

describe('PoliteSender', () => {
  const sleeps: number[] = [];
  const sender = () => new PoliteSender({ retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterSeconds: 120 }, sleep: async (ms) => void sleeps.push(ms) });
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    sleeps.length = 0;
  });

  it('gives a 429 without Retry-After straight back, after one request: the caller backs off for minutes', async () => {
    const garmin = await answering(429);
    server = garmin.server;
    await expect(sender().send('a', garmin.url, { timeoutMs: 2000 })).rejects.toMatchObject({ code: GarminErrorCode.RateLimited, retryAfterSeconds: undefined });
    expect(garmin.count()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('waits out a short Retry-After and asks again, up to its attempts', async () => {
    const garmin = await answering(429, { 'retry-after': '2' });
    server = garmin.server;
    await expect(sender().send('a', garmin.url, { timeoutMs: 2000 })).rejects.toMatchObject({ code: GarminErrorCode.RateLimited, retryAfterSeconds: 2 });
    expect(garmin.count()).toBe(5);
    expect(sleeps).toEqual([2000, 2000, 2000, 2000]);
  });

  it('asks once for an answer over its cap: not an outage, so no retry and no strike against the host', async () => {
    const garmin = await answering(200);
    server = garmin.server;
    const polite = sender();
    for (let i = 0; i < 12; i++) {
      await expect(polite.send('a', garmin.url, { timeoutMs: 2000, maxBytes: 1024 })).rejects.toMatchObject({ code: GarminErrorCode.ResponseTooLarge });
    }
    expect(garmin.count()).toBe(12);
    expect(sleeps).toEqual([]);
    expect(polite.breakerOf(new URL(garmin.url).host).opened).toBe(false);
    await expect(polite.send('a', garmin.url, { timeoutMs: 2000 })).resolves.toMatchObject({ status: 200 });
  });
});
