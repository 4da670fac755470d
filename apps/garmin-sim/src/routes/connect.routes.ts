import type { FastifyInstance } from 'fastify';
import { SimState } from '../state/sim-state';
import { registerActivityRoutes } from './connect/activities.routes';
import { registerGeneratedRoutes } from './connect/generated.routes';
import { registerProfileRoutes } from './connect/profile.routes';
import { registerRecordedRoutes } from './connect/recorded.routes';
import { registerWellnessRoutes } from './connect/wellness.routes';
import { registerWorkoutRoutes } from './connect/workouts.routes';

/** The Connect API (connectapi host): Bearer auth, the recorded shapes, Garmin's no-data answers. */
export async function registerConnectRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await registerProfileRoutes(app, state);
  await registerActivityRoutes(app, state);
  await registerWellnessRoutes(app, state);
  await registerWorkoutRoutes(app, state);
  await registerGeneratedRoutes(app, state);
  await registerRecordedRoutes(app, state);
}
