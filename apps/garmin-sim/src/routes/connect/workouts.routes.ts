import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Workout, WORKOUT_SPORTS, workoutShape } from '../../data/workouts';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, notFound } from './helpers';

type Query = Record<string, string | undefined>;

/** Workouts: list, detail, create and delete (also as POST + X-Http-Method-Override, as garmin-connect does). */
export async function registerWorkoutRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/workout-service/workouts', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const query = request.query as Query;
    const start = Number(query['start'] ?? 0);
    const limit = Number(query['limit'] ?? 100);
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return badRequest(reply, 'start must be ≥ 0 and limit 1-1000');
    }
    const list = state.data.workoutsOf(account).slice(start, start + limit);
    return reply.type('application/json').send(list.map(({ workoutSegments: _segments, ...summary }) => summary));
  });

  app.get('/workout-service/workout/:id', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const workout = state.data.workoutsOf(account).find((w) => w.workoutId === Number((request.params as { id: string }).id));
    return workout ? reply.type('application/json').send(workout) : notFound(reply);
  });

  const remove = (request: FastifyRequest, reply: FastifyReply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const list = state.data.workoutsOf(account);
    const index = list.findIndex((w) => w.workoutId === Number((request.params as { id: string }).id));
    if (index < 0) return notFound(reply);
    list.splice(index, 1);
    return reply.code(204).send();
  };
  app.delete('/workout-service/workout/:id', remove);
  app.post('/workout-service/workout/:id', async (request, reply) =>
    String(request.headers['x-http-method-override']).toUpperCase() === 'DELETE' ? remove(request, reply) : notFound(reply),
  );

  app.post('/workout-service/workout', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const body = request.body as { workoutName?: unknown; sportType?: { sportTypeKey?: unknown }; estimatedDurationInSecs?: unknown } | null;
    if (!body || typeof body.workoutName !== 'string' || body.workoutName.length === 0) return badRequest(reply, 'workoutName is required');
    const sport = WORKOUT_SPORTS.find((s) => s.sportTypeKey === body.sportType?.sportTypeKey) ?? WORKOUT_SPORTS[0];
    const minutes = typeof body.estimatedDurationInSecs === 'number' ? Math.max(15, Math.round(body.estimatedDurationInSecs / 60)) : 45;
    const workout: Workout = { ...body, ...workoutShape(account, state.data.newWorkoutId(), body.workoutName, sport, minutes, state.clock.now()) };
    const segments = (body as { workoutSegments?: unknown }).workoutSegments;
    if (Array.isArray(segments)) workout['workoutSegments'] = segments; // keep the client's steps
    state.data.workoutsOf(account).unshift(workout);
    return reply.type('application/json').send(workout);
  });
}
