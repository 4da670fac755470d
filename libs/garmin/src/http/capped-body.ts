import { GarminError } from '../errors';

const MiB = 1024 * 1024;

/**
 * The most bytes an answer may hold, by kind. Garmin's largest JSON (a month of wellness data, an activity's
 * detail) is a few MiB and an original FIT upload rarely passes 10 MiB; the caps leave room for that and stop
 * a broken or hostile upstream from filling a worker's memory. Sign-in pages are small HTML and JSON.
 */
export const RESPONSE_LIMITS = { jsonBytes: 16 * MiB, fileBytes: 64 * MiB, signInBytes: 2 * MiB } as const;

/** What readCappedBody needs of an answer: Node's fetch Response and impit's ImpitResponse both fit. */
export interface StreamedAnswer {
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Reads a whole body, refusing it past `maxBytes` with GARMIN_RESPONSE_TOO_LARGE: at once when its
 * Content-Length says so, else as soon as the stream has delivered more, cancelling the rest so the
 * connection stops. The stream is counted after content decoding, so a gzip bomb is caught too (a
 * Content-Length counts the encoded bytes: rejecting on it is early, not exact).
 */
export async function readCappedBody(answer: StreamedAnswer, maxBytes: number, host: string): Promise<Buffer> {
  const declared = Number(answer.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await answer.body?.cancel().catch(() => undefined);
    throw GarminError.responseTooLarge(host, maxBytes, declared);
  }
  if (!answer.body) return Buffer.alloc(0);
  const reader = answer.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw GarminError.responseTooLarge(host, maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof GarminError) throw error;
    // A reset or the request's timeout while the body was arriving: as unavailable as a failed connection.
    throw GarminError.unavailable(`${host}: the answer broke off`);
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, total);
}
