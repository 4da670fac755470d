import { MetricsListener, MetricsListenerError } from './metrics-listener';
import { MetricsService } from './metrics.service';

describe('MetricsListener', () => {
  it('serves /metrics only, and names METRICS_PORT when its port is taken', async () => {
    const metrics = new MetricsService();
    metrics.observeRequest('GET', '/v1/auth/me', 200, 0.01);
    const listener = await MetricsListener.start(metrics, '127.0.0.1', 0);
    try {
      const scrape = await fetch(`${listener.url}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      expect(await scrape.text()).toContain('http_requests_total{method="GET",route="/v1/auth/me",status="200"} 1');
      expect((await fetch(`${listener.url}/metrics?x=1`)).status).toBe(200);
      expect((await fetch(`${listener.url}/v1/auth/me`)).status).toBe(404);
      expect((await fetch(`${listener.url}/metrics`, { method: 'POST' })).status).toBe(405);

      const port = Number(new URL(listener.url).port);
      const taken = MetricsListener.start(metrics, '127.0.0.1', port);
      await expect(taken).rejects.toBeInstanceOf(MetricsListenerError);
      await expect(taken).rejects.toThrow(`METRICS_PORT ${port} on 127.0.0.1 cannot be opened (EADDRINUSE): choose another METRICS_PORT, or 0 to turn /metrics off`);
      console.log('the admin listener serves /metrics alone and names METRICS_PORT when it is taken');
    } finally {
      await listener.close();
    }
    await expect(fetch(`${listener.url}/metrics`)).rejects.toThrow();
  });
});
