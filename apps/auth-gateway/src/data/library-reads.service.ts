import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DATA_READ_LIMITS, RecordKind, RecordListFields, RecordPage, WorkoutDetailView, WorkoutListFields, WorkoutListItem, WorkoutPage } from '@fittrack/contracts';
import { RecordReadStore, WorkoutReadRow, WorkoutReadStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { DataReadError } from './data-read.errors';
import { checkOrder } from './day-range';
import { CursorScope, ReadCursorCodec } from './read-cursor';

/** What is not per day or per activity: the workout library, and the records of every non-daily kind. */
@Injectable()
export class LibraryReadsService {
  private readonly workouts = new WorkoutReadStore();
  private readonly records = new RecordReadStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cursors: ReadCursorCodec,
  ) {}

  async workoutList(userId: string, request: WorkoutListFields): Promise<WorkoutPage> {
    const limit = request.limit ?? DATA_READ_LIMITS.workoutPageDefault;
    const scope: CursorScope = { userId, list: 'workouts', filter: {} };
    const afterId = request.cursor === undefined ? undefined : this.single(scope, request.cursor, 'number');
    const rows = await this.workouts.list(this.dataSource.manager, userId, limit + 1, afterId as number | undefined);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(workoutItem), nextCursor: rows.length > limit && last ? this.cursors.encode(scope, [last.workoutId]) : null };
  }

  async workout(userId: string, workoutId: number): Promise<WorkoutDetailView> {
    const row = await this.workouts.one(this.dataSource.manager, userId, workoutId);
    if (!row) throw DataReadError.workoutNotFound(workoutId);
    return { ...workoutItem(row), summary: row.summary ?? {}, detail: row.detail ?? null, syncedAt: (row.updatedAt as Date).toISOString() };
  }

  async recordList(userId: string, kind: RecordKind, request: RecordListFields): Promise<RecordPage> {
    checkOrder(request.from, request.to);
    const limit = request.limit ?? DATA_READ_LIMITS.recordPageDefault;
    const scope: CursorScope = { userId, list: `records:${kind}`, filter: { from: request.from, to: request.to } };
    const afterKey = request.cursor === undefined ? undefined : this.single(scope, request.cursor, 'string');
    const rows = await this.records.list(this.dataSource.manager, { userId, kind, from: request.from, to: request.to, afterKey: afterKey as string | undefined, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      kind,
      items: page.map((row) => ({ key: row.recordKey, recordedOn: row.recordedOn, value: row.value, raw: row.raw, syncedAt: row.updatedAt.toISOString() })),
      nextCursor: rows.length > limit && last ? this.cursors.encode(scope, [last.recordKey]) : null,
    };
  }

  /** The one-part position of a verified cursor, of the expected type (a wrong one is a 400, never a 500). */
  private single(scope: CursorScope, cursor: string, type: 'string' | 'number'): string | number {
    const position = this.cursors.decode(scope, cursor);
    if (position.length !== 1 || typeof position[0] !== type) throw DataReadError.badCursor();
    return position[0] as string | number;
  }
}

function workoutItem(row: WorkoutReadRow): WorkoutListItem {
  return { id: row.workoutId, name: row.name, sportType: row.sportType, updatedAt: row.garminUpdatedAt?.toISOString() ?? null };
}
