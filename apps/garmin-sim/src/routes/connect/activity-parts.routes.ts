import type { FastifyInstance } from 'fastify';
import { activityWeather, exerciseSets, isStrength } from '../../data/activity-extras';
import { activitySplits, hrTimeInZones, powerTimeInZones } from '../../data/activity-parts';
import { SimState } from '../../state/sim-state';
import { oneActivity, sendJson } from './answers';

/** The per-activity parts: splits, weather, exercise sets, time in zones. An unknown activity id answers 404. */
export async function registerActivityPartRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  const part = (suffix: string, answer: (found: NonNullable<ReturnType<typeof oneActivity>>) => unknown) =>
    app.get(`/activity-service/activity/:id/${suffix}`, async (request, reply) => {
      const found = oneActivity(state, request, reply);
      if (!found) return reply;
      const body = answer(found);
      return body === undefined ? reply.code(204).send() : sendJson(reply, body);
    });

  part('splits', ({ activity }) => activitySplits(activity));
  part('weather', ({ activity }) => activityWeather(activity));
  /**
   * Only strength activities have sets. Others: reference pgc #214 (a bouldering activity's exercise sets
   * "returns None"): no body. Whether Garmin sends 204 or a JSON null is not shown; 204 chosen (assumed).
   */
  part('exerciseSets', ({ activity }) => (isStrength(activity) ? exerciseSets(activity) : undefined));
  part('hrTimeInZones', ({ activity, account }) => hrTimeInZones(activity, account));
  part('powerTimeInZones', ({ activity, account }) => powerTimeInZones(activity, account));
}
