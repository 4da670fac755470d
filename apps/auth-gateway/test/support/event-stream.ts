/** One server-sent event as a client sees it. */
export interface SentEvent {
  type: string;
  data: any;
}

/**
 * A test's client of GET /v1/sync/jobs/:id/events: reads the stream as it comes, keeps every event and counts the
 * comment lines, and can hang up. `ended` settles when the server ends the stream (or the client closes it).
 */
export class EventStream {
  readonly events: SentEvent[] = [];
  comments = 0;
  serverEnded = false;
  readonly ended: Promise<void>;
  private readonly abort = new AbortController();

  private constructor(private readonly response: Response) {
    this.ended = this.read();
  }

  /** Opens a stream; a refusal (not 200) is returned as its status and JSON body. */
  static async open(url: string, token: string): Promise<{ status: number; body?: any; stream?: EventStream }> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
    if (response.status !== 200) return { status: response.status, body: await response.json() };
    const stream = new EventStream(response);
    stream.abort.signal.addEventListener('abort', () => abort.abort());
    return { status: 200, stream };
  }

  /** Hangs up, as a client that goes away. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.ended;
  }

  /** Waits until an event matches (or the stream ends, or the deadline passes: then it throws, saying what it saw). */
  async waitFor(match: (event: SentEvent) => boolean, what: string, timeoutMs = 30_000): Promise<SentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.serverEnded || Date.now() > deadline) {
        throw new Error(`no ${what} (stream ${this.serverEnded ? 'ended' : 'still open'}); saw ${JSON.stringify(this.events.map((e) => e.type))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until the server ends the stream. */
  async waitForEnd(what: string, timeoutMs = 30_000): Promise<void> {
    const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`the stream did not end: ${what}`)), timeoutMs).unref());
    await Promise.race([this.ended, timeout]);
    if (!this.serverEnded) throw new Error(`the stream was closed by the client, not ended by the server: ${what}`);
  }

  private async read(): Promise<void> {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          this.take(buffer.slice(0, split));
          buffer = buffer.slice(split + 2);
        }
      }
      this.serverEnded = true;
    } catch {
      // aborted by close()
    }
  }

  private take(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments += 1;
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) this.events.push({ type, data: JSON.parse(data.join('\n')) });
  }
}
