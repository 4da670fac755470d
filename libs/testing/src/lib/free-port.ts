import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports for the services a test starts, chosen so that nothing else can take one between our check and the
 * service's own bind (CI saw `EADDRINUSE` when that happened):
 * - below the kernel's ephemeral range, so no outgoing connection and no `listen(0)` is ever handed one;
 * - claimed across processes with an exclusive lock file holding the claimant's pid, so two test files running
 *   side by side (jest workers, or two projects' suites at once) never pick the same one. A claim whose process
 *   has gone is free again (jest's sandboxed `process` never sees `exit`, so claims are not removed on exit).
 */
const CLAIMS_DIR = join(tmpdir(), 'fittrack-test-ports');
const LOWEST_PORT = 10_000;

/** A TCP port that is free on loopback and that no other live test process has been given. */
export async function freePort(): Promise<number> {
  const highest = ephemeralRangeStart() - 1;
  if (highest - LOWEST_PORT < 1000) return kernelPort();
  mkdirSync(CLAIMS_DIR, { recursive: true });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (highest - LOWEST_PORT + 1));
    if (claim(port) && (await bindable(port))) return port;
  }
  throw new Error(`no free port found between ${LOWEST_PORT} and ${highest}`);
}

function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Takes the port's lock file, or an abandoned one; false when a live process holds it. */
function claim(port: number): boolean {
  const file = join(CLAIMS_DIR, String(port));
  if (create(file)) return true;
  if (alive(Number(readOr(file, '')))) return false;
  try {
    unlinkSync(file);
  } catch {
    // another process took over the abandoned claim first
  }
  return create(file);
}

function create(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

async function kernelPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
