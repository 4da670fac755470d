import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayStack } from './support/stack';

/** A built web app as Vite leaves it: an index and hashed assets. */
function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>FitTrack</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4096))});`);
  return dir;
}

describe('the gateway serves the web app at /', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 0 });
  });

  afterAll(() => stack?.stop());

  it('serves the index revalidated and the assets immutable, under a same-origin content policy, and leaves every API route as it was', async () => {
    const gateway = await stack.startGateway({ WEB_APP_DIR: builtApp() });
    expect(gateway.process.logs).toMatch(/the web app is at http:\/\/127\.0\.0\.1:\d+\//);

    const index = await fetch(`${gateway.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('/assets/index-abc123.js');
    // Revalidated with the gateway's own ETags.
    const again = await fetch(`${gateway.url}/`, { headers: { 'if-none-match': index.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);

    const asset = await fetch(`${gateway.url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');

    // Nothing else became a page: unknown paths and the API answer as before.
    const unknown = await fetch(`${gateway.url}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404 });
    expect((await fetch(`${gateway.url}/assets/missing.js`)).status).toBe(404);
    expect((await gateway.get('/v1/auth/me')).status).toBe(401);
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
  });

  it('serves the API alone, and says so, when the web app is not built', async () => {
    const gateway = await stack.startGateway({ WEB_APP_DIR: join(tmpdir(), 'no-such-web-app') });
    expect(gateway.process.logs).toMatch(/no web app at .*no-such-web-app \(build it with: npx nx build web\); serving the API only/);
    expect((await fetch(`${gateway.url}/`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
  });
});
