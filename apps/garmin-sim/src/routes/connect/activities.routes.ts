import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { activityDetail } from '../../data/activity-detail';
import { ActivityEdits } from '../../data/activity-edits';
import { listEntryJson } from '../../data/activities';
import { isCalendarDate } from '../../data/calendar';
import { activityZip } from '../../data/fit-file';
import { SimState } from '../../state/sim-state';
import { accountFor, badRequest, notFound, sendGarmin } from './helpers';

const MAX_LIMIT = 1000;
type Query = Record<string, string | undefined>;

/** Activity search (offset paging, newest first), detail, update, delete and original-file download. */
export async function registerActivityRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  const edits = ActivityEdits.of(state.data);
  const activityOf = (request: FastifyRequest, reply: FastifyReply) => {
    const account = accountFor(state, request, reply);
    if (!account) return undefined;
    const id = Number((request.params as { id: string }).id);
    const activity = edits.isDeleted(id) ? undefined : state.data.activities(account).byId.get(id);
    if (!activity) {
      void notFound(reply);
      return undefined;
    }
    return { account, activity };
  };

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
    let list = state.data.activities(account).newestFirst.filter((a) => !edits.isDeleted(a.activityId));
    const { startDate, endDate, activityType } = query;
    if (startDate || endDate || activityType) {
      list = list.filter(
        (a) =>
          (!startDate || a.date >= startDate) && (!endDate || a.date <= endDate) && (!activityType || a.kind.typeKey === activityType),
      );
    }
    const page = list.slice(start, start + limit).map((a) => {
      const changed = edits.changesOf(a.activityId);
      return changed?.activityName ? listEntryJson({ ...a.summary, activityName: changed.activityName }) : a.json;
    });
    // Recorded: connect/activity_list.yaml, `application/json;charset=UTF-8`.
    return reply.header('content-type', 'application/json;charset=UTF-8').send(`[${page.join(',')}]`);
  });

  app.get('/activity-service/activity/:id', async (request, reply) => {
    const found = activityOf(request, reply);
    if (!found) return reply;
    const detail = activityDetail(found.account, found.activity, edits.changesOf(found.activity.activityId));
    return sendGarmin(reply, 'application/json;charset=UTF-8', detail, 'GET /activity-service/activity/{id}');
  });

  // Recorded: garth data/test_activity_update_*.yaml: PUT {activityId, activityName?, description?} → 204, no body.
  app.put('/activity-service/activity/:id', async (request, reply) => {
    const found = activityOf(request, reply);
    if (!found) return reply;
    const body = request.body as { activityId?: unknown; activityName?: unknown; description?: unknown } | null;
    if (!body || typeof body !== 'object') return badRequest(reply, 'a JSON body is required');
    if (body.activityId !== undefined && Number(body.activityId) !== found.activity.activityId) return badRequest(reply, 'activityId does not match the path');
    if (body.activityName !== undefined && typeof body.activityName !== 'string') return badRequest(reply, 'activityName must be a string');
    if (body.description !== undefined && body.description !== null && typeof body.description !== 'string') return badRequest(reply, 'description must be a string');
    edits.change(found.activity.activityId, {
      ...(typeof body.activityName === 'string' ? { activityName: body.activityName } : {}),
      ...(body.description !== undefined ? { description: body.description as string | null } : {}),
    });
    return reply.code(204).send();
  });

  // Recorded: garth test_delete.yaml: DELETE → 204, then GET → 404 NotFoundException.
  app.delete('/activity-service/activity/:id', async (request, reply) => {
    const found = activityOf(request, reply);
    if (!found) return reply;
    edits.delete(found.activity.activityId);
    return reply.code(204).send();
  });

  app.get('/download-service/files/activity/:id', async (request, reply) => {
    const found = activityOf(request, reply);
    if (!found) return reply;
    return reply
      .type('application/x-zip-compressed')
      .header('content-disposition', `attachment; filename="${found.activity.activityId}.zip"`)
      .send(Buffer.from(activityZip(found.activity)));
  });
}
