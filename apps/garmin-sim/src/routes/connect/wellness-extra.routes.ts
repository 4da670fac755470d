import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DayFacts } from '../../data/daily';
import { fitnessAge, lifestyleLog } from '../../data/wellness-logs';
import { floorsChart, respiration, spo2, stepsChart } from '../../data/wellness-intraday';
import { SimState } from '../../state/sim-state';
import { Account } from '../../state/accounts';
import { oneDay, Params, sendJson } from './answers';

/**
 * Per-day wellness endpoints no cassette records (pgc's URLs). Without data (outside the history, a kind the
 * device lacks, an offloaded day for the intraday ones) they answer the same envelope with null values and
 * empty series (assumed, as the recorded dailyHeartRate and sleep answers do), except the steps chart (below).
 */
export async function registerWellnessExtraRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  /** A day that has nothing: for the envelope of an answer without data. */
  const noData = (account: Account, date: string): DayFacts => ({ ...state.data.emptyDay(account, date), produces: () => false });
  const perDay = (path: string, render: (account: Account, day: DayFacts) => unknown, dateOf: (request: FastifyRequest) => unknown) =>
    app.get(path, async (request: FastifyRequest, reply: FastifyReply) => {
      const found = oneDay(state, request, reply, dateOf(request), (request.params as Params)['dn']);
      if (!found) return reply;
      return sendJson(reply, render(found.account, found.day ?? noData(found.account, found.date)));
    });
  const fromPath = (request: FastifyRequest) => (request.params as Params)['date'];

  perDay('/wellness-service/wellness/daily/respiration/:date', respiration, fromPath);
  perDay('/wellness-service/wellness/daily/spo2/:date', spo2, fromPath);
  perDay('/wellness-service/wellness/floorsChartData/daily/:date', (_account, day) => floorsChart(day), fromPath);
  perDay('/lifestylelogging-service/dailyLog/:date', lifestyleLog, fromPath);
  perDay(
    '/fitnessage-service/fitnessage/:date',
    (account, day) =>
      day.produces('fitness_age') ? fitnessAge(account, day) : { chronologicalAge: null, fitnessAge: null, achievableFitnessAge: null, previousFitnessAge: null, components: {}, lastUpdated: null },
    fromPath,
  );

  /**
   * Intraday steps: 15-minute buckets. An offloaded day answers every bucket zeroed (reference: pgc #168);
   * a day outside the history or a device without step counting answers `[]` (reference: pgc #168, a future
   * date "no result"; the device case assumed).
   */
  app.get('/wellness-service/wellness/dailySummaryChart/:dn', async (request, reply) => {
    const found = oneDay(state, request, reply, (request.query as Params)['date'], (request.params as Params)['dn']);
    if (!found) return reply;
    if (!found.day || !found.day.produces('steps_intraday')) return sendJson(reply, []);
    return sendJson(reply, stepsChart(found.day));
  });
}
