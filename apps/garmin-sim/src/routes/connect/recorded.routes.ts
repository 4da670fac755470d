import type { FastifyInstance } from 'fastify';
import { registerMetricsRoutes } from './metrics.routes';
import { registerStatsRoutes } from './stats.routes';
import { registerUploadRoutes } from './uploads.routes';
import { SimState } from '../../state/sim-state';

/** The recorded endpoints the first simulator did not serve: stats ranges, training metrics, uploads and writes. */
export async function registerRecordedRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await registerStatsRoutes(app, state);
  await registerMetricsRoutes(app, state);
  await registerUploadRoutes(app, state);
}
