import { Zip, ZipDeflate } from 'fflate';

/**
 * A ZIP written as it is made: entries one after the other, each pushed in pieces, and the compressed output
 * handed to `flush` whenever `chunkBytes` of it have gathered (awaited, so a slow sink slows the writer
 * instead of filling memory). Only the piece being compressed and one chunk are ever held.
 */
export class ZipWriter {
  private readonly zip = new Zip();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private failure?: Error;
  private ended = false;
  size = 0;

  constructor(
    private readonly chunkBytes: number,
    private readonly flush: (chunk: Uint8Array) => Promise<void>,
  ) {
    this.zip.ondata = (error, data, final) => {
      if (error) this.failure = error;
      else {
        this.pending.push(data);
        this.pendingBytes += data.length;
        this.size += data.length;
      }
      if (final) this.ended = true;
    };
  }

  /** Starts an entry; its pieces go through `write`, and `close` ends it. */
  entry(path: string): ZipEntry {
    const file = new ZipDeflate(path, { level: 6 });
    file.mtime = new Date();
    this.zip.add(file);
    return {
      write: async (data: Uint8Array | string) => {
        file.push(typeof data === 'string' ? new TextEncoder().encode(data) : data, false);
        await this.drain(false);
      },
      close: async (last?: Uint8Array | string) => {
        file.push(last === undefined ? new Uint8Array(0) : typeof last === 'string' ? new TextEncoder().encode(last) : last, true);
        await this.drain(false);
      },
    };
  }

  /** An entry in one piece (a FIT file). */
  async file(path: string, data: Uint8Array | string): Promise<void> {
    await this.entry(path).close(data);
  }

  /** Writes the central directory and hands out the rest. */
  async end(): Promise<void> {
    this.zip.end();
    await this.drain(true);
    if (!this.ended) throw new Error('the ZIP did not end');
  }

  private async drain(all: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.pendingBytes >= this.chunkBytes || (all && this.pendingBytes > 0)) {
      const joined = concat(this.pending, this.pendingBytes);
      const take = all ? joined.length : Math.min(joined.length, this.chunkBytes);
      const chunk = joined.subarray(0, take);
      const rest = joined.subarray(take);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
      await this.flush(chunk);
    }
  }
}

export interface ZipEntry {
  write(data: Uint8Array | string): Promise<void>;
  close(last?: Uint8Array | string): Promise<void>;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
