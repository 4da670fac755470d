import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the proxy does with one request: pass it on (after holding it, maybe), or answer it itself. */
export interface ProxyRule {
  holdMs?: number;
  answer?: { status: number; body: unknown };
}

/**
 * An HTTP proxy in front of the real gateway, for what a TCP cut cannot show: a
 * request held long enough that two CLI processes overlap, or one route answering
 * 5xx. Every request is counted by method and path.
 */
export class GatewayProxy {
  readonly seen: string[] = [];
  private readonly rules = new Map<string, ProxyRule>();
  private server?: Server;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  /** `route` is "METHOD /path"; an empty rule clears it. */
  rule(route: string, rule: ProxyRule = {}): void {
    if (rule.holdMs === undefined && !rule.answer) this.rules.delete(route);
    else this.rules.set(route, rule);
  }

  count(route: string): number {
    return this.seen.filter((seen) => seen === route).length;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = `${request.method} ${request.url?.split('?')[0]}`;
    this.seen.push(route);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rule = this.rules.get(route) ?? {};
    if (rule.holdMs) await new Promise((resolve) => setTimeout(resolve, rule.holdMs));
    if (rule.answer) {
      response.writeHead(rule.answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(rule.answer.body));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    try {
      const upstream = await fetch(`${this.target}${request.url}`, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      response.destroy();
    }
  }
}
