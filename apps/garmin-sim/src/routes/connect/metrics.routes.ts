import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDays } from '../../data/calendar';
import { DayFacts } from '../../data/daily';
import { activitiesOn } from '../../data/day-activities';
import { deviceIdOf, enduranceScore, hillScore, readinessEntries, readinessJson, trainingStatusAge, trainingStatusEntry, vo2Max } from '../../data/training-metrics';
import latestTemplate from '../../data/templates/training-status-latest.json';
import { hrvNight, sleepScore, weekStart } from '../../data/wellness-extras';
import { Account } from '../../state/accounts';
import { SimState } from '../../state/sim-state';
import { accountFor, rangeOf, sendGarmin } from './helpers';
import { oneDay as oneDayOf } from './answers';

type Params = Record<string, string | undefined>;

/**
 * Spans of the training status ranges. Reference: garth stats/training_status/weekly.py `_page_size = 52`
 * (weeks; its pagination cassette asks 358 days at once) and monthly.py `_page_size = 12` (months).
 */
const WEEKLY_MAX_DAYS = 52 * 7;
const MONTHLY_MAX_DAYS = 366;

const device = (account: Account) => ({ deviceId: deviceIdOf(account), imageURL: 'https://res.garmin.com/en/products/010-02778-10/v/c1_01_md.png', deviceName: 'fenix 7X Pro Sapphire Solar', category: 0 });
/** Recorded: every section of the mobile-gateway answers wraps its payload (stats/test_*_training_status.yaml). */
const section = (requestUrl: string, payload: unknown) => ({ requestUrl, statusCode: 200, headers: {}, errorMessage: null, payload, successful: true });

/** Training readiness, Garmin scores and training status (metrics-service, mobile-gateway). */
export async function registerMetricsRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  const oneDay = (request: FastifyRequest, reply: FastifyReply, date: unknown) => oneDayOf(state, request, reply, date);

  // Recorded: garth data/test_training_readiness_data_list.yaml: a list, newest first, `application/json;charset=UTF-8`;
  // assumed: `[]` for a day without readiness (no recording of one).
  app.get('/metrics-service/metrics/trainingreadiness/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    const { account, day } = found;
    const list =
      day && day.produces('training_readiness')
        ? readinessEntries(day, activitiesOn(state.data, account, day.date))
            .filter((e) => e.context !== 'AFTER_WAKEUP_RESET' || day.produces('training_readiness_morning'))
            .map((e) => readinessJson(account, day, e, sleepScore(day), hrvNight(day)?.weeklyAvg ?? null))
        : [];
    return sendGarmin(reply, 'application/json;charset=UTF-8', list);
  });

  // Recorded: garth data/test_garmin_scores_data_get.yaml: 200 `application/json;charset=UTF-8`, 204 for a day without a score.
  app.get('/metrics-service/metrics/endurancescore', async (request, reply) => {
    const found = oneDay(request, reply, (request.query as Params)['calendarDate']);
    if (!found) return reply;
    const { account, day } = found;
    if (!day || !day.produces('endurance_score')) return reply.code(204).send();
    const overall = enduranceScore(day);
    return sendGarmin(
      reply,
      'application/json;charset=UTF-8',
      {
        userProfilePK: account.profileId,
        deviceId: deviceIdOf(account),
        calendarDate: day.date,
        overallScore: overall,
        classification: overall >= 5800 ? 2 : 1,
        feedbackPhrase: 30,
        primaryTrainingDevice: true,
        gaugeLowerLimit: 3570,
        classificationLowerLimitIntermediate: 5100,
        classificationLowerLimitTrained: 5800,
        classificationLowerLimitWellTrained: 6600,
        classificationLowerLimitExpert: 7300,
        classificationLowerLimitSuperior: 8100,
        classificationLowerLimitElite: 8800,
        gaugeUpperLimit: 10560,
        contributors: [
          { activityTypeId: 1, group: null, contribution: 61.5 },
          { activityTypeId: null, group: 0, contribution: 38.5 },
        ],
      },
      'GET /metrics-service/metrics/endurancescore',
    );
  });

  app.get('/metrics-service/metrics/hillscore', async (request, reply) => {
    const found = oneDay(request, reply, (request.query as Params)['calendarDate']);
    if (!found) return reply;
    const { account, day } = found;
    if (!day || !day.produces('hill_score')) return reply.code(204).send();
    const score = hillScore(day);
    const vo2 = vo2Max(account, day);
    return sendGarmin(
      reply,
      'application/json;charset=UTF-8',
      {
        userProfilePK: account.profileId,
        deviceId: deviceIdOf(account),
        calendarDate: day.date,
        strengthScore: score.strength,
        enduranceScore: score.endurance,
        hillScoreClassificationId: 1,
        overallScore: score.overall,
        hillScoreFeedbackPhraseId: 4,
        vo2Max: vo2,
        vo2MaxPreciseValue: vo2,
        primaryTrainingDevice: true,
      },
      'GET /metrics-service/metrics/hillscore',
    );
  });

  const statusDays = (account: Account, dates: string[]) =>
    dates.map((d) => state.data.day(account, d)).filter((d): d is DayFacts => d !== undefined && d.produces('training_status'));

  // Recorded: garth stats/test_weekly_training_status.yaml: one reportData entry per DAY for the watch, vo2 by day.
  app.get('/mobile-gateway/usersummary/trainingstatus/weekly/:start/:end', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const { start, end } = request.params as Params;
    const dates = rangeOf(reply, start, end, WEEKLY_MAX_DAYS);
    if (!dates) return reply;
    const days = statusDays(account, dates);
    return sendGarmin(
      reply,
      'application/json',
      {
        vo2MaxWeeklyStatistics: section(`/metrics-service/metrics/maxmet/stats/daily/${start}/${end}`, {
          userProfileId: account.profileId,
          statisticsStartDate: start,
          statisticsEndDate: end,
          allMetrics: { metricsMap: days.length ? { ACTIVITY_VO2_MAX: days.map((d) => ({ value: vo2Max(account, d), calendarDate: d.date })) } : {} },
          groupedMetrics: null,
        }),
        weeklyTrainingStatus: section(`/metrics-service/metrics/trainingstatus/weekly/${account.displayName}`, {
          userId: account.profileId,
          fromCalendarDate: start,
          toCalendarDate: end,
          showSelector: false,
          recordedDevices: days.length ? [device(account)] : [],
          reportData: days.length ? { [deviceIdOf(account)]: days.map((d) => trainingStatusEntry(account, d)) } : {},
        }),
      },
      'GET /mobile-gateway/usersummary/trainingstatus/weekly/{date}/{date}',
    );
  });

  // Recorded: garth stats/test_monthly_training_status.yaml: one entry per week (its last day) and the range's end;
  // no data: empty recordedDevices, reportData {} (test_monthly_training_status_no_data.yaml).
  app.get('/mobile-gateway/usersummary/trainingstatus/monthly/:start/:end', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const { start, end } = request.params as Params;
    const dates = rangeOf(reply, start, end, MONTHLY_MAX_DAYS);
    if (!dates) return reply;
    const days = statusDays(account, dates.filter((d, i) => i === dates.length - 1 || new Date(`${d}T12:00:00Z`).getUTCDay() === 2));
    const weeks = new Map<string, DayFacts[]>();
    for (const d of statusDays(account, dates)) weeks.set(weekStart(d.date), [...(weeks.get(weekStart(d.date)) ?? []), d]);
    return sendGarmin(
      reply,
      'application/json',
      {
        monthlyTrainingStatus: section(`/metrics-service/metrics/trainingstatus/monthly/${account.displayName}`, {
          userId: account.profileId,
          fromCalendarDate: start,
          toCalendarDate: end,
          showSelector: false,
          recordedDevices: days.length ? [device(account)] : [],
          reportData: days.length ? { [deviceIdOf(account)]: days.map((d) => trainingStatusEntry(account, d)) } : {},
        }),
        vo2MaxMonthlyStatistics: section(`/metrics-service/metrics/maxmet/stats/weekly/${start}/${end}`, {
          userProfileId: account.profileId,
          statisticsStartDate: start,
          statisticsEndDate: end,
          allMetrics: {
            metricsMap: weeks.size ? { ACTIVITY_VO2_MAX: [...weeks].map(([startDateOfWeek, w]) => ({ value: vo2Max(account, w[w.length - 1]), startDateOfWeek })) } : {},
          },
          groupedMetrics: null,
        }),
      },
      'GET /mobile-gateway/usersummary/trainingstatus/monthly/{date}/{date}',
    );
  });

  // Recorded: garth stats/test_daily_training_status.yaml: the latest status, VO2 max, load balance and acclimation.
  app.get('/mobile-gateway/usersummary/trainingstatus/latest/:date', async (request, reply) => {
    const found = oneDay(request, reply, (request.params as Params)['date']);
    if (!found) return reply;
    const { account, date, day } = found;
    const t = structuredClone(latestTemplate);
    const id = String(deviceIdOf(account));
    const has = day && day.produces('training_status');
    const acclimation = { ...t.mostRecentHeatAltitudeAcclimation.payload, calendarDate: date, altitudeAcclimationDate: date };
    const balance = Object.values(t.mostRecentTrainingLoadBalance.payload.metricsTrainingLoadBalanceDTOMap)[0];
    const body = {
      mostRecentHeatAltitudeAcclimation: section(`/metrics-service/metrics/heataltitudeacclimation/latest/${date}`, acclimation),
      mostRecentVO2Max: section(`/metrics-service/metrics/maxmet/latest/${date}`, {
        ...t.mostRecentVO2Max.payload,
        userId: account.profileId,
        generic: { ...t.mostRecentVO2Max.payload.generic, calendarDate: date, vo2MaxPreciseValue: has ? vo2Max(account, day) : null, vo2MaxValue: has ? vo2Max(account, day) : null },
        heatAltitudeAcclimation: acclimation,
      }),
      mostRecentTrainingLoadBalance: section(`/metrics-service/metrics/trainingloadbalance/latest/${date}`, {
        userId: account.profileId,
        metricsTrainingLoadBalanceDTOMap: has ? { [id]: { ...balance, calendarDate: date, deviceId: deviceIdOf(account) } } : {},
        recordedDevices: has ? [device(account)] : [],
      }),
      mostRecentTrainingStatus: section(`/metrics-service/metrics/trainingstatus/daily/${date}`, {
        ...t.mostRecentTrainingStatus.payload,
        userId: account.profileId,
        // Recorded: the latest status names the day it began (`sinceDate`, stats/test_daily_training_status.yaml).
        latestTrainingStatusData: has ? { [id]: { ...trainingStatusEntry(account, day), sinceDate: addDays(date, -trainingStatusAge(day)) } } : {},
        recordedDevices: has ? [device(account)] : [],
      }),
    };
    return sendGarmin(reply, 'application/json', body, 'GET /mobile-gateway/usersummary/trainingstatus/latest/{date}');
  });

  // Recorded: garth data/test_fitness_activity_list.yaml: one row per activity of the range with the asked metrics.
  app.get('/fitnessstats-service/activity/all', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const q = request.query as Params;
    const dates = rangeOf(reply, q['startDate'], q['endDate'], 366);
    if (!dates) return reply;
    const rows = dates.flatMap((d) =>
      activitiesOn(state.data, account, d).map((a, i) => ({
        activityId: a.activityId,
        aerobicTrainingEffect: Math.round((a.averageHr / 50) * 10) / 10 + 0.000000047683716,
        parentId: null,
        workoutType: null,
        adaptiveCoachingWorkoutStatus: null,
        multisportSet: null,
        startLocal: String(a.summary['startTimeLocal']).replace(' ', 'T'),
        activityType: a.kind.typeKey,
        workoutGroupEnumerator: i + 1,
      })),
    );
    return sendGarmin(reply, 'application/json;charset=UTF-8', rows, 'GET /fitnessstats-service/activity/all');
  });
}
