import type { FastifyInstance } from 'fastify';
import { activityDetail } from '../../data/activity-detail';
import { isCalendarDate } from '../../data/calendar';
import { activityZip } from '../../data/fit-file';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, notFound } from './helpers';

const MAX_LIMIT = 1000;
type Query = Record<string, string | undefined>;

/** Activity search (offset paging, newest first), detail and original-file download. */
export async function registerActivityRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/activitylist-service/activities/search/activities', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const query = request.query as Query;
    const start = Number(query['start'] ?? 0);
    const limit = Number(query['limit'] ?? 20);
    if (!Number.isInteger(start) || start < 0) return badRequest(reply, 'start must be a non-negative integer');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return badRequest(reply, `limit must be 1-${MAX_LIMIT}`);
    for (const key of ['startDate', 'endDate'] as const) {
      if (query[key] !== undefined && !isCalendarDate(query[key])) return badRequest(reply, `${key} must be YYYY-MM-DD`);
    }
    let list = state.data.activities(account).newestFirst;
    const { startDate, endDate, activityType } = query;
    if (startDate || endDate || activityType) {
      list = list.filter(
        (a) =>
          (!startDate || a.date >= startDate) && (!endDate || a.date <= endDate) && (!activityType || a.kind.typeKey === activityType),
      );
    }
    const page = list.slice(start, start + limit);
    return reply.type('application/json').send(`[${page.map((a) => a.json).join(',')}]`);
  });

  app.get('/activity-service/activity/:id', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const activity = state.data.activities(account).byId.get(Number((request.params as { id: string }).id));
    if (!activity) return notFound(reply);
    return reply.type('application/json').send(activityDetail(account, activity));
  });

  app.get('/download-service/files/activity/:id', async (request, reply) => {
    const account = accountFor(state, request, reply);
    if (!account) return reply;
    const activity = state.data.activities(account).byId.get(Number((request.params as { id: string }).id));
    if (!activity) return notFound(reply);
    return reply
      .type('application/x-zip-compressed')
      .header('content-disposition', `attachment; filename="${activity.activityId}.zip"`)
      .send(Buffer.from(activityZip(activity)));
  });
}
