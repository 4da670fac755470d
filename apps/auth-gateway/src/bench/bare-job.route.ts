import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SyncJob, toJobView } from '@fittrack/persistence';
import { DataSource } from 'typeorm';

/**
 * Benchmarks only (BENCH_BARE_ROUTE=true): the same job row read on the same
 * Fastify instance with nothing around it (no Nest pipeline, no token, no
 * validation), the baseline `npm run bench:gateway` compares GET /v1/sync/jobs/:id with.
 */
export function registerBareJobRoute(app: NestFastifyApplication): void {
  const jobs = app.get<DataSource>(getDataSourceToken()).getRepository(SyncJob);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/__bench/jobs/:id', async (request, reply) => {
      const job = await jobs.findOneBy({ id: (request.params as { id: string }).id });
      return job ? toJobView(job) : reply.code(404).send({ message: 'no such job' });
    });
}
