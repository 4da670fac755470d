import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port';

const BINARY = '/usr/sbin/nats-server';
const LOG_LIMIT = 200_000;

export interface NatsServerOptions {
  /** A nats-server config file (e.g. deploy/nats/accounts.conf); flags below override its listen and store settings. */
  configFile?: string;
  /** The server's environment: what a config's `$VARIABLES` read. */
  env?: Record<string, string>;
  /** More flags (cluster, name); the client port is chosen here. */
  args?: string[];
  port?: number;
}

/** A throwaway nats-server with JetStream on disk, which a test can kill and start again on the same port and store. */
export class NatsServerProcess {
  private child?: ChildProcess;
  private output = '';
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'fittrack-nats-'));

  private constructor(
    readonly port: number,
    private readonly options: NatsServerOptions,
  ) {}

  static async start(options: NatsServerOptions = {}): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(options.port ?? (await freePort()), options);
    await server.startAgain();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** What the server wrote (startup, errors, "Permissions Violation" lines), bounded. */
  get logs(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async startAgain(): Promise<void> {
    const config = this.options.configFile ? ['-c', this.options.configFile] : [];
    const args = [...config, '-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...(this.options.args ?? [])];
    const child = spawn(BINARY, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // eslint-disable-next-line no-restricted-syntax -- the server gets only PATH and what the test chose
      env: { PATH: process.env['PATH'] ?? '', ...this.options.env },
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      if (this.output.length < LOG_LIMIT) this.output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    for (let i = 0; i < 200; i++) {
      if (await accepts(this.port)) return;
      if (child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`nats-server did not start on ${this.port}: ${this.output.slice(-2000)}`);
  }

  /** Kills it outright (no lame-duck mode): clients see the connection drop. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
