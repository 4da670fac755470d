import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** Pages of the web app may load only our own scripts and styles, and talk only to this origin (no map tiles, no fonts, nothing from the internet). */
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The web app (apps/web, built by Vite into `dir`) at `/`: its index and its assets, one route per file found at
 * start (`wildcard: false`), so no API route, and no API 404, changes. The app routes by URL hash, so `/` is the
 * only page the gateway needs to know. Hashed assets are cached for a year; the index is revalidated each time
 * (@fastify/static's own ETag and Last-Modified, since a file goes out as a stream). Answers `undefined` when the app is not built, and the gateway then serves the API only.
 */
export async function serveWebApp(app: NestFastifyApplication, dir: string): Promise<string | undefined> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return undefined;
  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'same-origin');
    },
  });
  return root;
}
