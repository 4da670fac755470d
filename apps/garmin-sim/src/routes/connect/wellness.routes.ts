import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate } from '../../data/calendar';
import { dailySummary, DayFacts, heartRate, hrv, noSleep, sleep } from '../../data/daily';
import { bodyBatteryReport, dailyStress, stepsRangeEntry, stressRangeEntry, weighIn, weightRange } from '../../data/daily-ranges';
import { Account } from '../../state/accounts';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, rangeOf } from './helpers';

type Params = Record<string, string | undefined>;

/** Per-day and range wellness endpoints, with Garmin's no-data answers (§D). */
export async function registerWellnessRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  /** Account + one day from `?{dateParam}=`, or undefined after answering. */
  const oneDay = (request: FastifyRequest, reply: FastifyReply, date: unknown, displayName?: string) => {
    const account = accountFor(state, request, reply, displayName);
    if (!account) return undefined;
    if (!isCalendarDate(date)) {
      void badRequest(reply, 'date must be YYYY-MM-DD');
      return undefined;
    }
    return { account, date, day: state.data.day(account, date) };
  };
  const json = (reply: FastifyReply, body: unknown) => reply.type('application/json').send(JSON.stringify(body));
  const daysIn = (account: Account, dates: string[]) =>
    dates.map((d) => state.data.day(account, d)).filter((d): d is DayFacts => d !== undefined);

  for (const path of ['/usersummary-service/usersummary/daily/', '/usersummary-service/usersummary/daily/:dn']) {
    app.get(path, async (request, reply) => {
      const q = request.query as Params;
      const found = oneDay(request, reply, q['calendarDate'], (request.params as Params)['dn']);
      if (!found) return reply;
      const day = found.day ?? state.data.emptyDay(found.account, found.date);
      return json(reply, dailySummary(found.account, day));
    });
  }

  const sleepHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const found = oneDay(request, reply, (request.query as Params)['date'], (request.params as Params)['dn']);
    if (!found) return reply;
    return json(reply, found.day ? sleep(found.account, found.day) : noSleep(found.account, found.date));
  };
  app.get('/wellness-service/wellness/dailySleepData/:dn', sleepHandler);
  app.get('/sleep-service/sleep/dailySleepData', sleepHandler);

  for (const path of ['/wellness-service/wellness/dailyHeartRate', '/wellness-service/wellness/dailyHeartRate/', '/wellness-service/wellness/dailyHeartRate/:dn']) {
    app.get(path, async (request, reply) => {
      const found = oneDay(request, reply, (request.query as Params)['date'], (request.params as Params)['dn']);
      if (!found) return reply;
      const day = found.day ?? state.data.emptyDay(found.account, found.date);
      const body = heartRate(found.account, day);
      return json(reply, found.day ? body : { ...body, heartRateValues: null, maxHeartRate: null, minHeartRate: null, restingHeartRate: null });
    });
  }

  app.get('/hrv-service/hrv/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    if (!found.day?.hasHrv) return reply.code(204).send();
    return json(reply, hrv(found.account, found.day));
  });

  app.get('/wellness-service/wellness/dailyStress/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    return json(reply, found.day?.hasStress ? dailyStress(found.account, found.day) : null);
  });

  const ranged = (path: string, render: (account: Account, days: DayFacts[]) => unknown) =>
    app.get(path, async (request, reply) => {
      const account = accountFor(state, request, reply);
      if (!account) return reply;
      const p = { ...(request.params as Params), ...(request.query as Params) };
      const dates = rangeOf(reply, p['start'] ?? p['startDate'], p['end'] ?? p['endDate']);
      if (!dates) return reply;
      return json(reply, render(account, daysIn(account, dates)));
    });
  ranged('/usersummary-service/stats/stress/daily/:start/:end', (_a, days) => days.map(stressRangeEntry));
  ranged('/usersummary-service/stats/steps/daily/:start/:end', (_a, days) => days.map(stepsRangeEntry));
  ranged('/wellness-service/wellness/bodyBattery/reports/daily', (_a, days) => days.map(bodyBatteryReport));
  ranged('/weight-service/weight/range/:start/:end', (_a, days) => weightRange(days));
  ranged('/weight-service/weight/dateRange', (_a, days) => weightRange(days));

  app.get('/weight-service/weight/dayview/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    const metric = found.day ? weighIn(found.day) : null;
    return json(reply, { dateWeightList: metric ? [metric] : [], totalAverage: weightRange(found.day ? [found.day] : []).totalAverage });
  });
}
