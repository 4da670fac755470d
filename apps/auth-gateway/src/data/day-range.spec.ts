import { dayRange } from './day-range';

describe('dayRange', () => {
  const now = new Date('2026-05-10T12:00:00Z');

  it('defaults to the 30 days up to the latest today of any time zone', () => {
    expect(dayRange({}, 366, now)).toEqual({ from: '2026-04-12', to: '2026-05-11' });
    expect(dayRange({ to: '2026-03-01' }, 366, now)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('accepts exactly the limit and refuses a day more, naming the limit', () => {
    expect(dayRange({ from: '2025-01-01', to: '2025-12-31' }, 365, now)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(() => dayRange({ from: '2025-01-01', to: '2026-01-01' }, 365, now)).toThrow('at most 365 days');
    expect(() => dayRange({ from: '2020-01-01' }, 366, now)).toThrow('days per request');
  });

  it('refuses a reversed range', () => {
    expect(() => dayRange({ from: '2026-05-02', to: '2026-05-01' }, 366, now)).toThrow('must not be after');
  });
});
