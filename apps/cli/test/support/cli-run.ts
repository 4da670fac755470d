import { workspaceRoot } from '@fittrack/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ENTRY = join(workspaceRoot(), 'dist/apps/cli/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI as a child process, its stdin a pipe the test writes to (no terminal, so no colours or spinners). */
export class CliRun {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly done: Promise<Run>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [ENTRY, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.done = new Promise((resolve) => this.child.once('exit', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr })));
  }

  write(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  async waitFor(text: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stderr.includes(text) && !this.stdout.includes(text)) {
      if (Date.now() > deadline) throw new Error(`never saw "${text}"; stdout: ${this.stdout}; stderr: ${this.stderr}`);
      await sleep(50);
    }
  }

  finished(): Promise<Run> {
    this.child.stdin?.end();
    return this.done;
  }
}


/** Runs the CLI to its end, `input` written to its stdin line by line. */
export function runCli(args: string[], env: Record<string, string>, input: string[] = []): Promise<Run> {
  const run = new CliRun(args, env);
  for (const line of input) run.write(line);
  return run.finished();
}
