import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import { freePort } from './free-port';
import { NatsServerOptions, NatsServerProcess } from './nats-server';

export interface NatsClusterOptions extends Omit<NatsServerOptions, 'port' | 'args'> {
  /** Nodes (3 for R3 streams: a quorum survives one loss). */
  size?: number;
}

/**
 * A JetStream cluster of nats-server processes on loopback, each with its own store, routed to one another.
 * Nodes are named `node-0`…, the names stream info reports as leader and replicas.
 */
export class NatsCluster {
  private constructor(readonly nodes: NatsServerProcess[]) {}

  /** `auth`: a credential that may ask JetStream for account info, when the config requires one. */
  static async start(options: NatsClusterOptions = {}, auth: { user?: string; pass?: string } = {}): Promise<NatsCluster> {
    const size = options.size ?? 3;
    const clusterName = `fittrack_${randomBytes(3).toString('hex')}`;
    const routePorts = await Promise.all(Array.from({ length: size }, () => freePort()));
    const routes = routePorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
    // All at once: JetStream's meta group elects a leader only when a quorum of nodes is up.
    const nodes = await Promise.all(
      routePorts.map((routePort, i) =>
        NatsServerProcess.start({
          ...options,
          args: ['--server_name', `node-${i}`, '--cluster_name', clusterName, '--cluster', `nats://127.0.0.1:${routePort}`, '--routes', routes],
        }),
      ),
    );
    const cluster = new NatsCluster(nodes);
    try {
      await cluster.waitForJetStream(auth);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Every node's client URL, comma-separated: what NATS_URL gets. */
  get urls(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  nodeNamed(name: string): NatsServerProcess {
    const node = this.nodes[Number(/^node-(\d+)$/.exec(name)?.[1] ?? -1)];
    if (!node) throw new Error(`no node named ${name}`);
    return node;
  }

  /**
   * Resolves when every running node answers JetStream API requests (a meta leader is elected and each node
   * knows it). `auth` for a cluster whose config requires credentials.
   */
  async waitForJetStream(auth: { user?: string; pass?: string } = {}, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const node of this.nodes.filter((n) => n.running)) {
      for (;;) {
        const ready = await connect({ servers: node.url, ...auth, timeout: 2000 })
          .then(async (nc) => {
            try {
              await (await nc.jetstreamManager({ timeout: 2000 })).getAccountInfo();
              return true;
            } finally {
              await nc.close();
            }
          })
          .catch(() => false);
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`JetStream on ${node.url} did not become ready:\n${node.logs.slice(-2000)}`);
        await sleep(250);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}
