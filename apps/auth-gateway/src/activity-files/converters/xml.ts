/** Text and attribute values for XML: the five predefined entities, and no control characters XML 1.0 forbids. */
export function xmlEscape(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot carry
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number as xsd:decimal (never exponent notation), at most `places` decimals, no trailing zeros. */
export function decimal(value: number, places: number): string {
  const fixed = value.toFixed(places);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** An instant as xsd:dateTime in UTC (whole seconds, as FIT records them). */
export function isoTime(time: Date): string {
  return time.toISOString().replace(/\.000Z$/, 'Z');
}

/** Decimals kept per quantity: FIT stores positions to ~1e-7°, distances and altitudes to a centimetre or less. */
export const PLACES = { degrees: 8, metres: 3, seconds: 3, speed: 3 } as const;
