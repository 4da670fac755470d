import { sparkline } from './sparkline';

describe('sparkline', () => {
  it('draws the smallest value lowest and the largest highest, one character each', () => {
    expect(sparkline([0, 7, 14])).toBe('▁▅█');
    expect(sparkline([5, 1, 3, 9])).toBe('▅▁▃█');
  });

  it('leaves a gap for a missing day and draws a flat series at mid height', () => {
    expect(sparkline([1, null, 2])).toBe('▁ █');
    expect(sparkline([4, 4])).toBe('▄▄');
    expect(sparkline([null, null])).toBe('  ');
    expect(sparkline([])).toBe('');
  });
});
