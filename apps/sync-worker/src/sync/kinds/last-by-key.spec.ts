import { UpsertSpec } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { lastByKey, uniqueRows, upsertUnique } from './last-by-key';

interface Row {
  userId: string;
  id: number | string;
  day?: Date;
  name: string;
}

const SPEC: UpsertSpec<Row> = {
  table: 't',
  columns: ['name', 'user_id', 'item_id'],
  key: ['user_id', 'item_id'],
  update: ['name'],
  values: (r) => [r.name, r.userId, r.id],
};

describe('lastByKey', () => {
  it('keeps one item per key, the last one seen, where the key first appeared', () => {
    const page1 = [{ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }];
    const page2 = [{ id: 3, v: 'c again' }, { id: 4, v: 'd' }];
    expect(lastByKey([...page1, ...page2], (x) => x.id)).toEqual([{ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c again' }, { id: 4, v: 'd' }]);
  });

  it('hands back a copy of a list without repeats, in its order', () => {
    const items = [{ id: 2 }, { id: 1 }];
    const unique = lastByKey(items, (x) => x.id);
    expect(unique).toEqual(items);
    expect(unique).not.toBe(items);
  });
});

describe('uniqueRows', () => {
  it('drops rows whose natural key (the spec’s key columns) repeats, keeping the last', () => {
    const rows: Row[] = [
      { userId: 'u', id: 1, name: 'first' },
      { userId: 'u', id: 2, name: 'other' },
      { userId: 'v', id: 1, name: 'another user' },
      { userId: 'u', id: 1, name: 'last' },
    ];
    expect(uniqueRows(SPEC, rows)).toEqual([
      { userId: 'u', id: 1, name: 'last' },
      { userId: 'u', id: 2, name: 'other' },
      { userId: 'v', id: 1, name: 'another user' },
    ]);
  });

  it('compares keys as PostgreSQL would: 7 and "7" are one id, equal dates are one date', () => {
    const dated: UpsertSpec<Row> = { ...SPEC, columns: ['user_id', 'day', 'name'], key: ['user_id', 'day'], values: (r) => [r.userId, r.day, r.name] };
    expect(uniqueRows(SPEC, [{ userId: 'u', id: 7, name: 'a' }, { userId: 'u', id: '7', name: 'b' }])).toEqual([{ userId: 'u', id: '7', name: 'b' }]);
    const day = (iso: string) => new Date(iso);
    expect(
      uniqueRows(dated, [
        { userId: 'u', id: 0, day: day('2026-05-01T00:00:00Z'), name: 'a' },
        { userId: 'u', id: 0, day: day('2026-05-01T00:00:00Z'), name: 'b' },
      ]),
    ).toHaveLength(1);
  });

  it('does not look into a single row (a file upsert computes a digest per row)', () => {
    const values = jest.fn(SPEC.values);
    const one = [{ userId: 'u', id: 1, name: 'x' }];
    expect(uniqueRows({ ...SPEC, values }, one)).toBe(one);
    expect(values).not.toHaveBeenCalled();
  });
});

describe('upsertUnique', () => {
  it('sends PostgreSQL one tuple per natural key, with the last row’s values', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const manager = { query: async (sql: string, params: unknown[]) => (statements.push({ sql, params }), [1, 1]) } as unknown as EntityManager;
    // A day of health repeated by a range endpoint: same (user, item) twice in one batch.
    await upsertUnique(manager, SPEC, [
      { userId: 'u', id: 1, name: 'stale' },
      { userId: 'u', id: 2, name: 'b' },
      { userId: 'u', id: 1, name: 'fresh' },
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).toContain('ON CONFLICT ("user_id", "item_id") DO UPDATE');
    expect(statements[0].params).toEqual(['fresh', 'u', 1, 'b', 'u', 2]);
  });
});
