import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SelectionFields } from '../messages/selection-payloads';
import { SyncRequestFields } from '../messages/rpc-payloads';
import { CATALOG_DEFAULT_SELECTION, DATA_KINDS } from './data-kinds';
import { defaultSelectionOf, inCatalogOrder, parseSelectionSetting, selectionOf } from './selection';

describe('parseSelectionSetting', () => {
  it('reads `default` as the catalog’s byDefault kinds and `all` as every kind', () => {
    expect(parseSelectionSetting('default')).toEqual({ ok: true, kinds: [...CATALOG_DEFAULT_SELECTION] });
    expect(parseSelectionSetting(' all ')).toEqual({ ok: true, kinds: [...DATA_KINDS] });
    expect(CATALOG_DEFAULT_SELECTION).not.toContain('spo2');
  });

  it('reads a comma-separated list, in catalog order, spaces and empty items ignored', () => {
    expect(parseSelectionSetting('spo2, sleep,,activities ')).toEqual({ ok: true, kinds: ['activities', 'sleep', 'spo2'] });
  });

  it('names every bad name, and lists the good ones', () => {
    const parsed = parseSelectionSetting('sleep,sp02,Steps');
    expect(parsed.ok).toBe(false);
    const problem = (parsed as { problem: string }).problem;
    expect(problem).toContain('"sp02", "Steps"');
    expect(problem).toContain('known: activities,');
    expect(parseSelectionSetting(' , ')).toEqual({ ok: false, problem: expect.stringContaining('names no data kind') });
  });
});

describe('a selection within a job’s groups', () => {
  it('keeps only the kinds of those groups, in catalog order', () => {
    expect(selectionOf(['devices', 'spo2', 'activities', 'sleep'], ['health', 'profile'])).toEqual(['sleep', 'spo2', 'devices']);
    expect(selectionOf(['devices'], ['health'])).toEqual([]);
  });

  it('is the catalog default of the groups for a job made before jobs stored it', () => {
    const health = defaultSelectionOf(['health']);
    expect(health).toContain('sleep');
    expect(health).not.toContain('spo2');
    expect(health.every((kind) => !['activities', 'devices'].includes(kind))).toBe(true);
  });

  it('drops repeats', () => {
    expect(inCatalogOrder(['sleep', 'sleep', 'summary'])).toEqual(['summary', 'sleep']);
  });
});

describe('selection bodies', () => {
  const problems = <T extends object>(cls: new () => T, plain: unknown) =>
    validateSync(plainToInstance(cls, plain) as object, { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));

  it('takes a list of catalog names', () => {
    expect(problems(SelectionFields, { kinds: ['sleep', 'spo2'] })).toEqual([]);
  });

  it('refuses an empty list, a repeat and an unknown name (listing the valid ones)', () => {
    expect(problems(SelectionFields, { kinds: [] }).join()).toContain('at least one data kind');
    expect(problems(SelectionFields, { kinds: ['sleep', 'sleep'] }).join()).toContain('twice');
    const unknown = problems(SelectionFields, { kinds: ['sleep', 'oxygen'] }).join();
    expect(unknown).toContain('each of kinds must be one of: activities, activity_zones');
    expect(unknown).toContain('spo2');
  });

  it('lets a sync request name data kinds directly, validated the same way', () => {
    expect(problems(SyncRequestFields, { dataKinds: ['spo2'] })).toEqual([]);
    expect(problems(SyncRequestFields, { dataKinds: ['oxygen'] }).join()).toContain('each of dataKinds must be one of');
    expect(problems(SyncRequestFields, { dataKinds: [] }).join()).toContain('at least one data kind');
  });
});
