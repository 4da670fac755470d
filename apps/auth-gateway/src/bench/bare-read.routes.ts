import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { HealthMetric } from '@fittrack/contracts';
import { ActivityReadStore, HealthReadStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';

/**
 * Benchmarks only (BENCH_BARE_ROUTE=true, never in production): the read API's two measured queries (a page of
 * activities, a metric over days) on the same Fastify instance with nothing around them (no Nest pipeline, no
 * token, no validation, no cursor): the baselines `npm run bench:gateway` compares GET /v1/activities and
 * GET /v1/health/:metric with.
 */
export function registerBareReadRoutes(app: NestFastifyApplication): void {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const activities = new ActivityReadStore();
  const health = new HealthReadStore();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/__bench/activities', async (request) => {
    const { userId, limit } = request.query as { userId: string; limit: string };
    const rows = await activities.list(dataSource.manager, { userId, limit: Number(limit) + 1, withSummary: false });
    return { items: rows.slice(0, Number(limit)) };
  });
  fastify.get('/__bench/health', async (request) => {
    const { userId, metric, from, to } = request.query as { userId: string; metric: HealthMetric; from: string; to: string };
    return { metric, from, to, days: await health.values(dataSource.manager, userId, metric, from, to) };
  });
}
