import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dailySummary, DayFacts, heartRate, hrv, noSleep, sleep } from '../../data/daily';
import { activitiesOn } from '../../data/day-activities';
import { bodyBatteryReport, dailyStress, stepsRangeEntry, stressRangeEntry, weighIn, weightRange } from '../../data/daily-ranges';
import { sleepDetail } from '../../data/sleep-detail';
import { hrvNight } from '../../data/wellness-extras';
import { Account } from '../../state/accounts';
import { SimState } from '../../state/sim-state';
import { accountFor, rangeOf, sendGarmin } from './helpers';
import { daysOf, oneDay as oneDayOf } from './answers';

type Params = Record<string, string | undefined>;

/** Per-day and range wellness endpoints, with Garmin's no-data answers (§D). Content types as recorded per endpoint. */
export async function registerWellnessRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  const oneDay = (request: FastifyRequest, reply: FastifyReply, date: unknown, displayName?: string) => oneDayOf(state, request, reply, date, displayName);

  // Recorded: connect/daily_summary_get.yaml (`application/json`, kilocalories as decimals).
  for (const path of ['/usersummary-service/usersummary/daily/', '/usersummary-service/usersummary/daily/:dn']) {
    app.get(path, async (request, reply) => {
      const q = request.query as Params;
      const found = oneDay(request, reply, q['calendarDate'], (request.params as Params)['dn']);
      if (!found) return reply;
      const day = found.day ?? state.data.emptyDay(found.account, found.date);
      const summary = dailySummary(found.account, day);
      // A day the device recorded nothing of keeps its BMR calories, but its steps and distance are null
      // (garth issue #98: Garmin answered `totalSteps: null` for a day with no steps yet).
      const body = found.day ? summary : { ...summary, totalSteps: null, totalDistanceMeters: null, wellnessDistanceMeters: null };
      return sendGarmin(reply, 'application/json', body, 'GET /usersummary-service/usersummary/daily/');
    });
  }

  // Recorded: the old sleep-service path answers the stage-less summary (connect/daily_sleep_data_get.yaml, `application/json`).
  app.get('/sleep-service/sleep/dailySleepData', async (request, reply) => {
    const found = oneDay(request, reply, (request.query as Params)['date']);
    if (!found) return reply;
    const body = found.day?.produces('sleep') ? sleep(found.account, found.day) : noSleep(found.account, found.date);
    return sendGarmin(reply, 'application/json', body, 'GET /sleep-service/sleep/dailySleepData');
  });
  // Recorded: garth data/test_sleep_data_get.yaml (`application/json;charset=UTF-8`), with the night's series (sleep-detail.ts).
  app.get('/wellness-service/wellness/dailySleepData/:dn', async (request, reply) => {
    const found = oneDay(request, reply, (request.query as Params)['date'], (request.params as Params)['dn']);
    if (!found) return reply;
    const { account, day } = found;
    const body = day?.produces('sleep') ? sleepDetail(account, day, hrvNight(day), activitiesOn(state.data, account, day.date)) : noSleep(account, found.date);
    return sendGarmin(reply, 'application/json;charset=UTF-8', body, 'GET /wellness-service/wellness/dailySleepData/{dn}');
  });

  // Recorded: connect/daily_heart_rate_get.yaml (`application/json`); no data: the day's frame with null values.
  for (const path of ['/wellness-service/wellness/dailyHeartRate', '/wellness-service/wellness/dailyHeartRate/', '/wellness-service/wellness/dailyHeartRate/:dn']) {
    app.get(path, async (request, reply) => {
      const found = oneDay(request, reply, (request.query as Params)['date'], (request.params as Params)['dn']);
      if (!found) return reply;
      const day = found.day ?? state.data.emptyDay(found.account, found.date);
      const body = heartRate(found.account, day);
      // An archived day (kinds.md, archive reloads) answers as a day without data: the frame, values null.
      const has = found.day && day.produces('heart_rate') && !day.archived;
      const shown = has ? body : { ...body, heartRateValues: null, maxHeartRate: null, minHeartRate: null, restingHeartRate: null };
      return sendGarmin(reply, 'application/json', shown);
    });
  }

  // Recorded: connect/hrv_data_get.yaml: 200 `application/json`, 204 without a body when the night has no HRV.
  app.get('/hrv-service/hrv/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    if (!found.day || !hrvNight(found.day)) return reply.code(204).send();
    return sendGarmin(reply, 'application/json', hrv(found.account, found.day), 'GET /hrv-service/hrv/{date}');
  });

  // Recorded: data/test_daily_body_battery_stress_list.yaml: `application/json;charset=UTF-8`, `null` for a day without data.
  app.get('/wellness-service/wellness/dailyStress/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    const { account, day } = found;
    const has = day?.hasStress && !day.archived && (day.produces('stress') || day.produces('body_battery'));
    const body = has ? dailyStress(account, day, activitiesOn(state.data, account, day.date)) : null;
    return sendGarmin(reply, 'application/json;charset=UTF-8', body, 'GET /wellness-service/wellness/dailyStress/{date}');
  });

  const ranged = (path: string, render: (account: Account, days: DayFacts[]) => unknown, endpoint?: Parameters<typeof sendGarmin>[3]) =>
    app.get(path, async (request, reply) => {
      const account = accountFor(state, request, reply);
      if (!account) return reply;
      const p = { ...(request.params as Params), ...(request.query as Params) };
      const dates = rangeOf(reply, p['start'] ?? p['startDate'], p['end'] ?? p['endDate']);
      if (!dates) return reply;
      return sendGarmin(reply, 'application/json', render(account, daysOf(state, account, dates)), endpoint);
    });
  // Recorded: connect/daily_stress.yaml, connect/daily_steps.yaml, connect/weight_data_list.yaml (all `application/json`).
  ranged('/usersummary-service/stats/stress/daily/:start/:end', (_a, days) => days.filter((d) => d.produces('stress')).map(stressRangeEntry));
  ranged('/usersummary-service/stats/steps/daily/:start/:end', (_a, days) => days.map(stepsRangeEntry));
  ranged('/wellness-service/wellness/bodyBattery/reports/daily', (_a, days) => days.filter((d) => d.produces('body_battery')).map(bodyBatteryReport));
  const weighed = (days: DayFacts[]) => weightRange(days.filter((d) => d.produces('weight')));
  ranged('/weight-service/weight/range/:start/:end', (_a, days) => weighed(days), 'GET /weight-service/weight/range/{date}/{date}');
  ranged('/weight-service/weight/dateRange', (_a, days) => weighed(days), 'GET /weight-service/weight/range/{date}/{date}');

  // Recorded: garth data/test_get_daily_weight_data.yaml: `startDate`/`endDate`, the day's weigh-ins, `application/json`.
  app.get('/weight-service/weight/dayview/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    const metric = found.day ? weighIn(found.day) : null;
    const body = {
      startDate: found.date,
      endDate: found.date,
      dateWeightList: metric ? [metric] : [],
      totalAverage: weightRange(found.day ? [found.day] : []).totalAverage,
    };
    return sendGarmin(reply, 'application/json', body, 'GET /weight-service/weight/dayview/{date}');
  });
}
