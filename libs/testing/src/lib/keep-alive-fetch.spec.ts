import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { keepAliveFetch } from './keep-alive-fetch';

describe('keepAliveFetch', () => {
  let server: Server;
  let url: string;
  let connections = 0;

  beforeAll(async () => {
    // The first connection is closed, unanswered, as soon as a request arrives on it: what a kept-alive
    // socket the server has just timed out looks like to the client.
    server = createServer((request, response) => (connections === 1 ? request.socket.destroy() : response.end('ok')));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('asks once more on a new connection when the server closed the one it used, unread', async () => {
    const response = await keepAliveFetch(url);
    expect(await response.text()).toBe('ok');
    expect(connections).toBe(2);
  });

  it('leaves other failures to the caller', async () => {
    await expect(keepAliveFetch('http://127.0.0.1:1/')).rejects.toThrow('fetch failed');
  });
});
