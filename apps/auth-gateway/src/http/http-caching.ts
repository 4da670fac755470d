import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * Every route of the gateway, app-wide: a GET (or HEAD) answered 200 gets a strong ETag, the SHA-256 of its body
 * as sent before compression (a route may set its own ETag, e.g. for a stream); a request whose If-None-Match
 * names it gets 304 with no body. Answers are gzipped for clients that accept it (@fastify/compress: JSON and
 * text, at least 1 KiB, never an event stream). Registered before the routes, since compression hooks each route.
 */
export async function serveCacheable(app: NestFastifyApplication): Promise<void> {
  app.getHttpAdapter().getInstance().addHook('onSend', tagAndRevalidate);
  await app.register(fastifyCompress, { encodings: ['gzip'], globalDecompression: false });
}

async function tagAndRevalidate(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
  let etag = reply.getHeader('etag');
  if (etag === undefined) {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    etag = `"${createHash('sha256').update(payload).digest('base64url')}"`;
    void reply.header('etag', etag);
  }
  if (!ifNoneMatchNames(request.headers['if-none-match'], String(etag))) return payload;
  void reply.code(304);
  reply.removeHeader('content-length');
  reply.removeHeader('content-type');
  return '';
}

/** Whether If-None-Match (`*` or a list of tags) names the ETag; weak comparison, as RFC 9110 §13.1.2 asks for it. */
export function ifNoneMatchNames(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
