import type { FastifyInstance } from 'fastify';
import { bloodPressureRange } from '../../data/wellness-logs';
import { racePredictionEntry, vo2MaxEntry } from '../../data/training';
import { SimState } from '../../state/sim-state';
import { accountFor, MAX_RANGE_DAYS } from './helpers';
import { daysOf, Params, sendJson } from './answers';
import { rangeOf } from './helpers';

/** pgc get_race_predictions refuses ranges whose ends are more than 366 days apart. */
export const RACE_PREDICTION_MAX_DAYS = 367;

/** Range endpoints of generated kinds: blood pressure, VO2 max (maxmet), race predictions. */
export async function registerMetricsExtraRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  /** Assumed cap: the 28 days Garmin's stats ranges allow (pgc #307); no evidence for these two endpoints. */
  app.get('/bloodpressure-service/bloodpressure/range/:from/:to', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const { from, to } = request.params as Params;
    const dates = rangeOf(reply, from, to, MAX_RANGE_DAYS);
    if (!dates) return reply;
    return sendJson(reply, bloodPressureRange(account, dates[0], dates[dates.length - 1], daysOf(state, account, dates)));
  });

  /** A list with an entry per day on which VO2 max was updated; `[]` without any (assumed). */
  app.get('/metrics-service/metrics/maxmet/daily/:from/:to', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const { from, to } = request.params as Params;
    const dates = rangeOf(reply, from, to, MAX_RANGE_DAYS);
    if (!dates) return reply;
    const entries = daysOf(state, account, dates)
      .filter((day) => day.produces('vo2max'))
      .map((day) => vo2MaxEntry(account, day.date, state.data.activitiesOn(account, day.date)))
      .filter((entry) => entry !== null);
    return sendJson(reply, entries);
  });

  app.get('/metrics-service/metrics/racepredictions/daily/:dn', async (request, reply) => {
    const account = accountFor(state, request, reply, (request.params as Params)['dn']);
    if (!account) return reply;
    const query = request.query as Params;
    const dates = rangeOf(reply, query['fromCalendarDate'], query['toCalendarDate'], RACE_PREDICTION_MAX_DAYS);
    if (!dates) return reply;
    const days = daysOf(state, account, dates).filter((day) => day.produces('race_predictions'));
    return sendJson(reply, days.map((day) => racePredictionEntry(account, day.date)));
  });

  /** Today's predictions; 204 for a device without them (assumed, as Garmin's other "no data" answers). */
  app.get('/metrics-service/metrics/racepredictions/latest/:dn', async (request, reply) => {
    const account = accountFor(state, request, reply, (request.params as Params)['dn']);
    if (!account) return reply;
    const today = state.data.today(account);
    if (!state.data.day(account, today)?.produces('race_predictions')) return reply.code(204).send();
    return sendJson(reply, racePredictionEntry(account, today));
  });
}
