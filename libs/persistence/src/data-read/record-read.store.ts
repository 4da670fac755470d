import { RecordKind } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

export interface RecordReadRow {
  recordKey: string;
  recordedOn: string | null;
  value: number | null;
  raw: unknown;
  updatedAt: Date;
}

export interface RecordListQuery {
  userId: string;
  kind: RecordKind;
  from?: string;
  to?: string;
  afterKey?: string;
  limit: number;
}

/** The stored garmin_records of one kind, read for the API: a keyset walk on the primary key (user, kind, key). */
export class RecordReadStore {
  async list(manager: EntityManager, query: RecordListQuery): Promise<RecordReadRow[]> {
    const params: unknown[] = [query.userId, query.kind];
    const where = ['user_id = $1', 'kind = $2'];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.from) where.push(`recorded_on >= ${param(query.from)}::date`);
    if (query.to) where.push(`recorded_on <= ${param(query.to)}::date`);
    if (query.afterKey !== undefined) where.push(`record_key > ${param(query.afterKey)}`);
    return manager.query(
      `SELECT record_key AS "recordKey", recorded_on::text AS "recordedOn", value, raw, updated_at AS "updatedAt"
       FROM garmin_records WHERE ${where.join(' AND ')} ORDER BY record_key LIMIT ${param(query.limit)}`,
      params,
    );
  }
}
