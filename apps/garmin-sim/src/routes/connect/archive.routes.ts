import type { FastifyInstance } from 'fastify';
import { isCalendarDate } from '../../data/calendar';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest } from './helpers';
import { Params, JSON_TYPE } from './answers';

/**
 * Garmin's archive reload (reference: pgc request_reload, POST .../epoch/request/{date}; pgc #222: the data
 * shows up right after). Accepted: 204 (assumed: pgc only checks that an answer came). Over the daily
 * allowance: 429 (assumed). A date that is not offloaded is accepted and changes nothing.
 */
export async function registerArchiveRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.post('/wellness-service/wellness/epoch/request/:date', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const date = (request.params as Params)['date'];
    if (!isCalendarDate(date)) return badRequest(reply, 'date must be YYYY-MM-DD');
    const outcome = state.data.archive.request(account.profileId, date, state.data.isArchived(account, date), state.config.SIM_RELOADS_PER_DAY);
    if (outcome === 'over-allowance') {
      return reply.code(429).type(JSON_TYPE).send({ message: 'Too many reload requests today', error: 'TooManyRequests' });
    }
    return reply.code(204).send();
  });
}
