import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('counts requests by route pattern and status, in Prometheus text', async () => {
    const metrics = new MetricsService();
    metrics.observeRequest('GET', '/v1/sync/jobs/:id', 200, 0.004);
    metrics.observeRequest('GET', '/v1/sync/jobs/:id', 200, 0.006);
    metrics.observeRequest('POST', '/v1/auth/login', 401, 0.2);
    const text = await metrics.render();
    expect(text).toContain('http_requests_total{method="GET",route="/v1/sync/jobs/:id",status="200"} 2');
    expect(text).toContain('http_requests_total{method="POST",route="/v1/auth/login",status="401"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
