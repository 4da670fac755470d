import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDays, isCalendarDate } from '../../data/calendar';
import { DayFacts } from '../../data/daily';
import { activitiesOn } from '../../data/day-activities';
import { stressSeries } from '../../data/day-series';
import { HydrationLog } from '../../data/hydration-log';
import { bodyBatteryEvents, hrvNight, hrvSummary, hydrationEntry, intensityEntry, intensityMinutes, sleepScore, weekStart } from '../../data/wellness-extras';
import { Account } from '../../state/accounts';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, rangeOf, sendGarmin } from './helpers';

type Params = Record<string, string | undefined>;

/** Reference: garth stats/*.py `_page_size = 52` for the weekly stats (weeks per request). */
const MAX_WEEKS = 52;

/** Range and weekly statistics (usersummary-service/stats, hrv-service daily, sleep score), and the hydration log. */
export async function registerStatsRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  const hydration = HydrationLog.of(state.data);
  const days = (account: Account, dates: string[]) => dates.map((d) => state.data.day(account, d)).filter((d): d is DayFacts => d !== undefined);
  const range = (request: FastifyRequest, reply: FastifyReply, maxDays?: number) => {
    const account = accountFor(state, request, reply);
    if (!account) return undefined;
    const p = request.params as Params;
    const dates = rangeOf(reply, p['start'], p['end'], maxDays);
    return dates ? { account, days: days(account, dates) } : undefined;
  };

  // Recorded: garth stats/test_daily_hrv.yaml (hrvSummaries + userProfilePk); 204 when no night of the range has HRV
  // (stats/test_daily_hrv_paginate_no_results.yaml). 28 days: garth stats/hrv.py `_page_size`.
  app.get('/hrv-service/hrv/daily/:start/:end', async (request, reply) => {
    const found = range(request, reply);
    if (!found) return reply;
    const summaries = found.days.flatMap((d) => {
      const night = hrvNight(d);
      return night ? [hrvSummary(d, night)] : [];
    });
    if (!summaries.length) return reply.code(204).send();
    return sendGarmin(reply, 'application/json', { hrvSummaries: summaries, userProfilePk: found.account.profileId }, 'GET /hrv-service/hrv/daily/{date}/{date}');
  });

  // Recorded: garth stats/test_daily_intensity_minutes.yaml, one entry per day (28 days: stats/intensity_minutes.py).
  app.get('/usersummary-service/stats/im/daily/:start/:end', async (request, reply) => {
    const found = range(request, reply);
    if (!found) return reply;
    const list = found.days.filter((d) => d.produces('intensity_minutes')).map((d) => intensityEntry(d, activitiesOn(state.data, found.account, d.date)));
    return sendGarmin(reply, 'application/json', list);
  });

  // Recorded: garth stats/test_weekly_intensity_minutes.yaml: /im/weekly/{start}/{end}, one entry per Monday week.
  app.get('/usersummary-service/stats/im/weekly/:start/:end', async (request, reply) => {
    const found = range(request, reply, MAX_WEEKS * 7);
    if (!found) return reply;
    const weeks = new Map<string, { moderate: number; vigorous: number }>();
    for (const d of found.days.filter((x) => x.produces('intensity_minutes'))) {
      const im = intensityMinutes(d, activitiesOn(state.data, found.account, d.date));
      const week = weeks.get(weekStart(d.date)) ?? { moderate: 0, vigorous: 0 };
      weeks.set(weekStart(d.date), { moderate: week.moderate + im.moderate, vigorous: week.vigorous + im.vigorous });
    }
    const list = [...weeks].map(([calendarDate, w]) => ({ calendarDate, weeklyGoal: 150, moderateValue: w.moderate, vigorousValue: w.vigorous }));
    return sendGarmin(reply, 'application/json', list);
  });

  // Recorded: garth stats/test_daily_hydration.yaml (valueInML, goalInML as decimals); 28 days: stats/hydration.py.
  app.get('/usersummary-service/stats/hydration/daily/:start/:end', async (request, reply) => {
    const found = range(request, reply);
    if (!found) return reply;
    // Assumed: days without intake logged are left out (no recording of one).
    const list = found.days
      .filter((d) => d.produces('hydration'))
      .map((d) => hydrationEntry(d, hydration.loggedMl(found.account, d.date)))
      .filter((e) => e.valueInML !== null);
    return sendGarmin(reply, 'application/json', list, 'GET /usersummary-service/stats/hydration/daily/{date}/{date}');
  });

  // Recorded: garth stats/test_daily_sleep.yaml: [{calendarDate, value}], 28 days (stats/sleep.py).
  app.get('/wellness-service/stats/daily/sleep/score/:start/:end', async (request, reply) => {
    const found = range(request, reply);
    if (!found) return reply;
    return sendGarmin(reply, 'application/json', found.days.filter((d) => d.produces('sleep')).map((d) => ({ calendarDate: d.date, value: sleepScore(d) })));
  });

  /** /weekly/{end}/{weeks}: the seven-day windows ending on `end`, oldest first, windows without data left out. */
  const weekly = (path: string, value: (account: Account, week: DayFacts[]) => unknown | undefined) =>
    app.get(path, async (request, reply) => {
      const account = accountFor(state, request, reply);
      if (!account) return reply;
      const { end, weeks } = request.params as Params;
      const count = Number(weeks);
      if (!isCalendarDate(end)) return badRequest(reply, 'dates must be YYYY-MM-DD');
      if (!Number.isInteger(count) || count < 1 || count > MAX_WEEKS) return badRequest(reply, `weeks must be 1-${MAX_WEEKS}`);
      const list = [];
      for (let k = count - 1; k >= 0; k--) {
        const first = addDays(end, -7 * k - 6);
        const week = days(account, Array.from({ length: 7 }, (_, i) => addDays(first, i)));
        const v = week.length ? value(account, week) : undefined;
        if (v !== undefined) list.push({ calendarDate: first, ...(v as object) });
      }
      return sendGarmin(reply, 'application/json', list);
    });
  // Recorded: garth stats/test_weekly_stress*.yaml: {calendarDate: window start, value: the average stress}.
  weekly('/usersummary-service/stats/stress/weekly/:end/:weeks', (_a, week) => {
    const measured = week.filter((d) => d.hasStress && d.produces('stress'));
    return measured.length ? { value: Math.round(measured.reduce((s, d) => s + d.avgStress, 0) / measured.length) } : undefined;
  });
  // Reference: garth tests/stats/cassettes/test_weekly_steps.yaml (not in ../shared): totals as decimals, averages.
  weekly('/usersummary-service/stats/steps/weekly/:end/:weeks', (_a, week) => {
    const total = week.reduce((s, d) => s + d.steps, 0);
    const distance = week.reduce((s, d) => s + Math.round(d.steps * 0.78), 0);
    return { values: { totalSteps: total, averageSteps: total / week.length, wellnessDataDaysCount: week.length, averageDistance: distance / week.length, totalDistance: distance } };
  });

  // Recorded: garth data/test_body_battery_data_get.yaml: the day's events (sleep, activities) with their samples.
  app.get('/wellness-service/wellness/bodyBattery/events/:date', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const date = (request.params as Params)['date'];
    if (!isCalendarDate(date)) return badRequest(reply, 'date must be YYYY-MM-DD');
    const day = state.data.day(account, date);
    const has = day && day.hasStress && !day.archived && day.produces('body_battery_events');
    const activities = day ? activitiesOn(state.data, account, date) : [];
    const body = has ? bodyBatteryEvents(account, day, activities, stressSeries(day, activities)) : [];
    return sendGarmin(reply, 'application/json;charset=UTF-8', body, 'GET /wellness-service/wellness/bodyBattery/events/{date}');
  });

  // Recorded: garth stats/test_daily_hydration_log.yaml: PUT {valueInML, timestampLocal?, userProfileId} → the day's total.
  app.put('/usersummary-service/usersummary/hydration/log', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const body = request.body as { valueInML?: unknown; timestampLocal?: unknown; userProfileId?: unknown } | null;
    const ml = Number(body?.valueInML);
    if (!body || !Number.isFinite(ml)) return badRequest(reply, 'valueInML must be a number');
    if (body.userProfileId !== undefined && Number(body.userProfileId) !== account.profileId) return badRequest(reply, 'userProfileId is not yours');
    const stamp = typeof body.timestampLocal === 'string' ? body.timestampLocal : `${state.data.today(account)}T12:00:00.0`;
    const date = stamp.slice(0, 10);
    if (!isCalendarDate(date)) return badRequest(reply, 'timestampLocal must start YYYY-MM-DD');
    hydration.log(account, date, ml);
    const day = state.data.day(account, date) ?? state.data.emptyDay(account, date);
    const entry = hydrationEntry(day, hydration.loggedMl(account, date));
    return sendGarmin(
      reply,
      'application/json',
      { userId: account.profileId, calendarDate: date, valueInML: entry.valueInML ?? 0, goalInML: 2800.0, dailyAverageinML: null, lastEntryTimestampLocal: stamp, sweatLossInML: 582.0, activityIntakeInML: 0.0 },
      'PUT /usersummary-service/usersummary/hydration/log',
    );
  });
}
