import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP forwarder that a test can cut, to make a real dependency
 * (PostgreSQL, NATS) unreachable for one process without stopping it for others.
 */
export class TcpProxy {
  private server?: Server;
  private listenPort = 0;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  get port(): number {
    return this.listenPort;
  }

  async start(): Promise<this> {
    this.server = createServer({ allowHalfOpen: true }, (client) => this.forward(client));
    await new Promise<void>((resolve) => this.server?.listen(this.listenPort, '127.0.0.1', resolve));
    this.listenPort = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** After a cut: accepts connections again, on the same port (a dependency coming back). */
  async restore(): Promise<this> {
    return this.start();
  }

  /** Refuses new connections and resets every open one. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private forward(client: Socket): void {
    // Pipe at once: writes to the upstream socket are buffered until it connects,
    // and half-open sockets let a client's FIN travel on while the answer comes back.
    const upstream = connect({ host: this.targetHost, port: this.targetPort, allowHalfOpen: true });
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
