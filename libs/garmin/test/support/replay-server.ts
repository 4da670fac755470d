import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from '@fittrack/testing';

/** Path and sorted query; a trailing slash is ignored (garth and garmin-connect differ on dailyHeartRate). */
const keyOf = (uri: URL) => `${uri.pathname.replace(/\/+$/, '')}?${[...uri.searchParams].sort().map((p) => p.join('=')).join('&')}`;

interface Recorded {
  request: { method: string; uri: string };
  response: { status: { code: number }; headers: Record<string, unknown[]>; body: { string: string } };
}

/** Serves the recorded Connect answers of ../shared/garmin-fixtures/connect by path and query. */
export async function startReplayServer(): Promise<{ url: string; close(): Promise<void> }> {
  const folder = join(workspaceRoot(), '..', 'shared', 'garmin-fixtures', 'connect');
  const answers = new Map<string, Recorded['response']>();
  for (const file of readdirSync(folder)) {
    const { interactions } = parse(readFileSync(join(folder, file), 'utf8')) as { interactions: Recorded[] };
    for (const i of interactions) {
      const uri = new URL(i.request.uri);
      if (uri.hostname.startsWith('connectapi.')) answers.set(keyOf(uri), i.response);
    }
  }
  const server: Server = createServer((request, response) => {
    const uri = new URL(request.url ?? '/', 'http://replay');
    const recorded = answers.get(keyOf(uri));
    if (!recorded) return void response.writeHead(404).end();
    const type = recorded.headers['Content-Type']?.[0] ?? recorded.headers['content-type']?.[0];
    response.writeHead(recorded.status.code, type ? { 'content-type': String(type) } : {});
    response.end(recorded.body.string ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
