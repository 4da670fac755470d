import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { JOB_VIEW_COLUMNS, jobViewOfRow, SyncJobRow } from '@fittrack/persistence';
import { DataSource } from 'typeorm';

/**
 * Benchmarks only (BENCH_BARE_ROUTE=true, never in production): the same job
 * row read with the same query on the same Fastify instance, with nothing
 * around it (no Nest pipeline, no token, no validation): the baseline
 * `npm run bench:gateway` compares GET /v1/sync/jobs/:id with.
 */
export function registerBareJobRoute(app: NestFastifyApplication): void {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  app
    .getHttpAdapter()
    .getInstance()
    .get('/__bench/jobs/:id', async (request, reply) => {
      const [row]: SyncJobRow[] = await dataSource.query(`SELECT ${JOB_VIEW_COLUMNS} FROM sync_jobs WHERE id = $1`, [(request.params as { id: string }).id]);
      return row ? jobViewOfRow(row) : reply.code(404).send({ message: 'no such job' });
    });
}
