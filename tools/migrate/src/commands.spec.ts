import { createServer, Server } from 'node:net';
import { runCommand } from './commands';

describe('migrate commands', () => {
  let closed: Server;
  let port: number;

  beforeAll(async () => {
    // A port that was just free: nothing listens there.
    closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });

  it('says which PostgreSQL is unreachable and how to start it, without the password', async () => {
    const lines: string[] = [];
    const code = await runCommand('up', `postgres://app:s3cret@127.0.0.1:${port}/fittrack`, { line: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`PostgreSQL is unreachable at 127.0.0.1:${port} (DATABASE_URL)`);
    expect(lines.join('\n')).toContain('pg_ctlcluster');
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});
