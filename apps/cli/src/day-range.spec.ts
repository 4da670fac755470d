import { dayRangeOf, daysOf } from './day-range';

describe('dayRangeOf', () => {
  it('defaults to the 30 days ending today where the CLI runs, not in UTC', () => {
    const instant = new Date('2026-03-02T09:30:00Z'); // still 1 March in Honolulu (UTC-10), already 2 March in UTC
    expect(dayRangeOf(undefined, undefined, instant, 'Pacific/Honolulu')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(dayRangeOf(undefined, undefined, instant, 'Pacific/Kiritimati')).toEqual({ from: '2026-02-01', to: '2026-03-02' });
    expect(dayRangeOf(undefined, undefined, instant)).toEqual(dayRangeOf(undefined, undefined, instant, Intl.DateTimeFormat().resolvedOptions().timeZone));
  });

  it('counts back 29 days from a given end, and keeps a given start', () => {
    expect(dayRangeOf(undefined, '2024-03-10')).toEqual({ from: '2024-02-10', to: '2024-03-10' });
    expect(dayRangeOf('2024-01-01', '2024-01-05')).toEqual({ from: '2024-01-01', to: '2024-01-05' });
  });
});

describe('daysOf', () => {
  it('lists every day of the range, both ends included, across a month and a leap day', () => {
    expect(daysOf({ from: '2024-02-27', to: '2024-03-01' })).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysOf({ from: '2024-01-01', to: '2024-01-01' })).toEqual(['2024-01-01']);
    expect(daysOf({ from: '2024-01-02', to: '2024-01-01' })).toEqual([]);
  });
});
