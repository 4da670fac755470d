import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { MetricsService } from './metrics.service';

/** The admin port could not be opened; the message names the variable to change. */
export class MetricsListenerError extends Error {
  constructor(host: string, port: number, cause: string) {
    super(`METRICS_PORT ${port} on ${host} cannot be opened (${cause}): choose another METRICS_PORT, or 0 to turn /metrics off`);
    this.name = 'MetricsListenerError';
  }
}

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * /metrics on a port of its own, apart from the public API: a scraper reaches it on the internal network
 * (or loopback) while the load balancer only ever forwards the API port. A separate listener rather than
 * a bearer token because there is then no secret to hand every Prometheus, nothing to leak in a scrape
 * config, and no way for a proxy misconfiguration to publish it. Plain node:http: it serves one route.
 */
export class MetricsListener {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static start(metrics: MetricsService, host: string, port: number): Promise<MetricsListener> {
    const server = createServer((request, response) => void answer(metrics, request, response));
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(new MetricsListenerError(host, port, error.code ?? error.message)));
      server.listen(port, host, () => {
        const address = server.address() as AddressInfo;
        const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(new MetricsListener(server, `http://${shown}:${address.port}`));
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function answer(metrics: MetricsService, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== '/metrics') return send(response, 404, 'application/json', JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'only /metrics is served here' }));
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'application/json', JSON.stringify({ statusCode: 405, error: 'Method Not Allowed', message: 'GET /metrics' }), { allow: 'GET, HEAD' });
  try {
    send(response, 200, PROMETHEUS_TEXT, request.method === 'HEAD' ? '' : await metrics.render());
  } catch {
    send(response, 500, 'text/plain', 'metrics could not be rendered');
  }
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, ...headers }).end(body);
}
