import { AddressInfo, createConnection, createServer, Server } from 'node:net';
import { createTestNamespace } from './test-namespace';
import { TcpProxy } from './tcp-proxy';

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.end(text));
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('TcpProxy', () => {
  let echo: Server;
  let echoPort: number;

  beforeAll(async () => {
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoPort = (echo.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

  it('forwards both ways until cut, then refuses', async () => {
    const proxy = await new TcpProxy('127.0.0.1', echoPort).start();
    const port = proxy.port;
    expect(await roundTrip(port, 'hello')).toBe('hello');
    await proxy.cut();
    await expect(roundTrip(port, 'again')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('createTestNamespace', () => {
  it('is unique and safe for subjects and stream names', () => {
    const a = createTestNamespace('my worker!');
    const b = createTestNamespace('my worker!');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^t_myworker_[a-z0-9]+_[0-9a-f]{6}$/);
  });
});
