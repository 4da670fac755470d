import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

describe('freePort', () => {
  it('gives distinct ports below the ephemeral range, each claimed for this process and bindable', async () => {
    const [ephemeralStart] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports: number[] = [];
    for (let i = 0; i < 40; i += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeLessThan(ephemeralStart);
      expect(readFileSync(join(tmpdir(), 'fittrack-test-ports', String(port)), 'utf8')).toBe(String(process.pid));
    }
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(ports[0], '0.0.0.0', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
