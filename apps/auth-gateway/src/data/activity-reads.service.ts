import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACTIVITY_DEFAULT_FIELDS,
  ActivityDetailView,
  ActivityListFields,
  ActivityListItem,
  ActivityPage,
  DATA_READ_LIMITS,
} from '@fittrack/contracts';
import { ActivityPosition, ActivityReadRow, ActivityReadStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { DataReadError } from './data-read.errors';
import { checkOrder } from './day-range';
import { CursorPosition, CursorScope, ReadCursorCodec } from './read-cursor';

/** A user's activities: a list (newest first, keyset pages, a field selection) and one in detail with its parts. */
@Injectable()
export class ActivityReadsService {
  private readonly store = new ActivityReadStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cursors: ReadCursorCodec,
  ) {}

  async list(userId: string, request: ActivityListFields): Promise<ActivityPage> {
    checkOrder(request.from, request.to);
    const fields = request.fields ?? ACTIVITY_DEFAULT_FIELDS;
    const limit = request.limit ?? DATA_READ_LIMITS.activityPageDefault;
    const scope: CursorScope = { userId, list: 'activities', filter: { from: request.from, to: request.to, type: request.type } };
    const rows = await this.store.list(this.dataSource.manager, {
      userId,
      from: request.from,
      to: request.to,
      type: request.type,
      after: request.cursor === undefined ? undefined : positionOf(this.cursors.decode(scope, request.cursor)),
      limit: limit + 1,
      withSummary: fields.includes('summary'),
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => {
        const item = itemOf(row);
        return Object.fromEntries([['id', item.id], ...fields.map((field) => [field, item[field]])]) as ActivityPage['items'][number];
      }),
      nextCursor: rows.length > limit && last ? this.cursors.encode(scope, [last.startTime, last.activityId]) : null,
    };
  }

  async detail(userId: string, activityId: number): Promise<ActivityDetailView> {
    const manager = this.dataSource.manager;
    const row = await this.store.one(manager, userId, activityId);
    if (!row) throw DataReadError.activityNotFound(activityId);
    const parts = await this.store.parts(manager, userId, activityId);
    return {
      ...itemOf(row),
      detail: row.detail ?? null,
      parts: Object.fromEntries(parts.map(({ part, raw }) => [part, raw])),
      syncedAt: (row.updatedAt as Date).toISOString(),
    };
  }
}

function itemOf(row: ActivityReadRow): ActivityListItem {
  return {
    id: row.activityId,
    name: row.name,
    type: row.activityType,
    startTime: row.startTime === null ? null : new Date(row.startTime).toISOString(),
    startDateLocal: row.startDateLocal,
    durationS: row.durationS,
    distanceM: row.distanceM,
    calories: row.calories,
    averageHr: row.averageHr,
    summary: row.summary ?? {},
  };
}

/** A verified cursor is ours, but its shape is checked all the same: a wrong one is a 400, never a 500. */
function positionOf(position: CursorPosition): ActivityPosition {
  const [startTime, activityId] = position;
  if (position.length !== 2 || (startTime !== null && typeof startTime !== 'string') || typeof activityId !== 'number') throw DataReadError.badCursor();
  return { startTime, activityId };
}
