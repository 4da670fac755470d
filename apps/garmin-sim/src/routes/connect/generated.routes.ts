import type { FastifyInstance } from 'fastify';
import { SimState } from '../../state/sim-state';
import { registerActivityPartRoutes } from './activity-parts.routes';
import { registerArchiveRoutes } from './archive.routes';
import { registerMetricsExtraRoutes } from './metrics-extra.routes';
import { registerPlanningRoutes } from './planning.routes';
import { registerProfileRecordRoutes } from './profile-records.routes';
import { registerWellnessExtraRoutes } from './wellness-extra.routes';

/** The endpoints no cassette records, generated from the reference client's evidence (README "Generated endpoints"). */
export async function registerGeneratedRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await registerWellnessExtraRoutes(app, state);
  await registerMetricsExtraRoutes(app, state);
  await registerProfileRecordRoutes(app, state);
  await registerActivityPartRoutes(app, state);
  await registerPlanningRoutes(app, state);
  await registerArchiveRoutes(app, state);
}
