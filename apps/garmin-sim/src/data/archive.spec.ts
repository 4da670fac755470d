import { Clock } from '../state/clock';
import { ArchiveReloads } from './archive';

describe('archive reloads', () => {
  it('counts accepted requests per UTC day and refuses past the allowance until midnight UTC', () => {
    const clock = new Clock();
    const toMidnight = 86_400_000 - (clock.now() % 86_400_000);
    const reloads = new ArchiveReloads(clock);
    expect(reloads.request(1, '2024-01-01', true, 2)).toBe('accepted');
    expect(reloads.request(1, '2024-01-02', false, 2)).toBe('accepted');
    expect(reloads.request(1, '2024-01-03', true, 2)).toBe('over-allowance');
    expect(reloads.request(2, '2024-01-03', true, 2)).toBe('accepted');
    expect(reloads.isReloaded(1, '2024-01-01')).toBe(true);
    expect(reloads.isReloaded(1, '2024-01-02')).toBe(false);
    expect(reloads.isReloaded(1, '2024-01-03')).toBe(false);
    expect(reloads.countToday(1)).toBe(2);
    clock.advance(toMidnight + 1);
    expect(reloads.countToday(1)).toBe(0);
    expect(reloads.request(1, '2024-01-03', true, 2)).toBe('accepted');
    expect(reloads.requestsOf(1).map((r) => [r.date, r.wasArchived])).toEqual([
      ['2024-01-01', true],
      ['2024-01-02', false],
      ['2024-01-03', true],
    ]);
  });
});
