import type { FastifyInstance } from 'fastify';
import { calendarMonth, trainingPlans } from '../../data/planning';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest } from './helpers';
import { Params, sendJson } from './answers';

/** Planning: the calendar month (month 0-based, reference pgc get_scheduled_workouts) and training plans. */
export async function registerPlanningRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/calendar-service/year/:year/month/:month', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const { year, month } = request.params as Params;
    if (!/^\d{4}$/.test(year ?? '') || Number(year) < 2000) return badRequest(reply, 'year must be 2000 or later');
    if (!/^\d{1,2}$/.test(month ?? '') || Number(month) > 11) return badRequest(reply, 'month must be 0-11 (0 = January)');
    return sendJson(reply, calendarMonth(account, state.data, Number(year), Number(month)));
  });

  app.get('/trainingplan-service/trainingplan/plans', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    return sendJson(reply, trainingPlans(account, state.data.today(account)));
  });
}
