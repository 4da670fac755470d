import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ServiceProcessOptions {
  /** Path of the built entry point, relative to the workspace root (e.g. dist/apps/sync-worker/main.js). */
  entry: string;
  env: Record<string, string>;
  /** Resolve start() once this URL answers 200; without it, start() resolves at spawn. */
  readyUrl?: string;
  /** How long start-up may take (45 s unless told): Nest apps booting beside a busy test run have taken over 20 s. */
  startTimeoutMs?: number;
}

export function workspaceRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** A built app run as a real child process, as it runs in production. */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';
  private exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(private readonly options: ServiceProcessOptions) {}

  get logs(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<this> {
    const root = workspaceRoot();
    const entry = join(root, this.options.entry);
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build the app first`);
    const child = spawn(process.execPath, [entry], {
      cwd: root,
      // A child gets only PATH and what the test chose. Its admin listener stays off unless the test asks
      // (METRICS_PORT): test runs side by side would otherwise race for the apps' fixed default admin ports.
      // eslint-disable-next-line no-restricted-syntax -- the one read of the test runner's environment
      env: { PATH: process.env['PATH'] ?? '', METRICS_PORT: '0', ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    if (this.options.readyUrl) await this.waitUntilReady(this.options.readyUrl);
    return this;
  }

  /** Resolves with the exit code once the process has ended by itself. */
  async waitForExit(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) throw new Error('not started');
    return withTimeout(this.exited, timeoutMs, `process did not exit within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Sends a signal and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000) {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill(signal);
    try {
      return await this.waitForExit(timeoutMs);
    } catch (error) {
      this.child.kill('SIGKILL');
      throw error;
    }
  }

  private async waitUntilReady(url: string): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 45_000);
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`process exited during start-up:\n${this.output}`);
      const status = await fetch(url).then((r) => r.status, () => 0);
      if (status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop('SIGKILL');
    throw new Error(`${url} did not answer 200 in time:\n${this.output}`);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
