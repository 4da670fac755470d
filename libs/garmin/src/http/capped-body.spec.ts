import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { GarminErrorCode } from '../errors';
import { RESPONSE_LIMITS } from './capped-body';
import { send } from './send';
import { defaultTransports } from './transport';

const MiB = 1024 * 1024;
const tooLarge = (extra: Record<string, unknown> = {}) => expect.objectContaining({ code: GarminErrorCode.ResponseTooLarge, kind: 'unavailable', ...extra });

/** Writes `total` bytes of JSON-ish filler in 64 KiB chunks without a Content-Length, noting how far it got. */
function stream(response: ServerResponse, total: number, progress: { written: number; closedEarly: boolean }) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.on('close', () => (progress.closedEarly = progress.written < total));
  const more = () => {
    while (progress.written < total && !response.destroyed) {
      progress.written += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', more);
    }
    if (!response.destroyed) response.end();
  };
  more();
}

describe('capped bodies', () => {
  let server: Server;
  let base: string;
  // The latest streamed answer's progress.
  let progress = { written: 0, closedEarly: false };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '';
      if (path === '/small') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":"é"}');
      if (path === '/announced') return void response.writeHead(200, { 'content-length': String(3 * MiB) }).end(Buffer.alloc(3 * MiB));
      if (path === '/gzip-bomb') return void response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(8 * MiB)));
      const size = Number(/^\/stream\/(\d+)$/.exec(path)?.[1]);
      if (size) return stream(response, size, (progress = { written: 0, closedEarly: false }));
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  describe('send (data calls)', () => {
    it('reads an answer under its cap as before', async () => {
      await expect(send(`${base}/small`, { timeoutMs: 2000, maxBytes: 100 })).resolves.toMatchObject({ status: 200, text: '{"ok":"é"}' });
      const file = await send(`${base}/small`, { timeoutMs: 2000, binary: true, maxBytes: 100 });
      expect(file.bytes?.toString()).toBe('{"ok":"é"}');
    });

    it('refuses an answer whose Content-Length passes the cap, before reading it', async () => {
      await expect(send(`${base}/announced`, { timeoutMs: 2000, maxBytes: MiB })).rejects.toThrow(tooLarge({ details: { maxBytes: MiB, declaredBytes: 3 * MiB } }));
    });

    it('refuses an answer without Content-Length once it passes the cap, and stops the download', async () => {
      await expect(send(`${base}/stream/${200 * MiB}`, { timeoutMs: 5000, maxBytes: MiB })).rejects.toThrow(tooLarge({ details: { maxBytes: MiB } }));
      await waitFor(() => progress.closedEarly);
      expect(progress.written).toBeLessThan(50 * MiB);
    });

    it('counts the decoded bytes: a small gzip body that inflates past the cap is refused', async () => {
      await expect(send(`${base}/gzip-bomb`, { timeoutMs: 5000, maxBytes: MiB })).rejects.toThrow(tooLarge());
    });

    it('caps JSON at 16 MiB and files at 64 MiB by default', async () => {
      const justOver = RESPONSE_LIMITS.jsonBytes + 64 * 1024;
      await expect(send(`${base}/stream/${justOver}`, { timeoutMs: 10_000 })).rejects.toThrow(tooLarge({ details: { maxBytes: 16 * MiB } }));
      const file = await send(`${base}/stream/${justOver}`, { timeoutMs: 10_000, binary: true });
      expect(file.bytes?.length).toBe(justOver);
    });
  });

  describe.each(['fetch', 'chrome'] as const)('the sign-in transport (%s)', (profile) => {
    it('reads a sign-in page', async () => {
      await expect(defaultTransports(profile).send(`${base}/small`, { timeoutMs: 5000 })).resolves.toMatchObject({ status: 200, text: '{"ok":"é"}' });
    });

    it('refuses a page past 2 MiB, with and without Content-Length', async () => {
      const transport = defaultTransports(profile);
      await expect(transport.send(`${base}/announced`, { timeoutMs: 5000 })).rejects.toThrow(tooLarge({ details: { maxBytes: 2 * MiB, declaredBytes: 3 * MiB } }));
      await expect(transport.send(`${base}/stream/${100 * MiB}`, { timeoutMs: 5000 })).rejects.toThrow(tooLarge({ details: { maxBytes: 2 * MiB } }));
      await waitFor(() => progress.closedEarly);
    });
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  for (const until = Date.now() + ms; !condition(); ) {
    if (Date.now() > until) throw new Error('the server never saw the download stop');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
