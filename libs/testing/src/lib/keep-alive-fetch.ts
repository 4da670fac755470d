/**
 * `fetch`, asked once more when the server closed a kept-alive connection just as the request went out.
 *
 * Node's fetch reuses idle connections until shortly before the server's advertised keep-alive timeout.
 * On a loaded machine the client's timer can run late, so a request is written onto a socket the server
 * has just closed: it fails with ECONNRESET ("other side closed") before the server read a byte of it. A
 * test that waited a minute on a job and then asks the simulator's oracle hits exactly that. Nothing was
 * processed, so asking again on a new connection is safe; any other failure is the caller's.
 */
export async function keepAliveFetch(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!closedUnderneath(error)) throw error;
    return fetch(url, init);
  }
}

const CLOSED = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

function closedUnderneath(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  // By name, not instanceof: under jest, fetch's TypeError comes from another realm than the test's.
  return (error as Error | undefined)?.name === 'TypeError' && CLOSED.has(cause?.code ?? '');
}
