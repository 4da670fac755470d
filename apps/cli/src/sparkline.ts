const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of a series: one character per value, ▁ for the smallest and █ for the largest; a missing
 * value (a day without data) is a space. A flat series is drawn at mid height.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(values.length);
  const min = Math.min(...present);
  const span = Math.max(...present) - min;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (span === 0) return BARS[3];
      return BARS[Math.round(((v - min) / span) * (BARS.length - 1))];
    })
    .join('');
}
