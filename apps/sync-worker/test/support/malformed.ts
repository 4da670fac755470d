/** Generated bad input: a seeded random source and the shapes attackers and broken clients send. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '$(rm -rf /)',
  '`reboot`',
  '{{7*7}}',
  '${jndi:ldap://x/y}',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '\u0000\u0001\u0002',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  '１２３４５６',
  '😀'.repeat(50),
  'a'.repeat(10_000),
  '',
  ' ',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x41',
  '%00',
  '__proto__',
  'constructor',
];

export const oddString = (random: () => number) => pick(random, STRINGS);

/** A JSON-ish value of any type, sometimes absurd. */
export function oddValue(random: () => number): unknown {
  switch (Math.floor(random() * 12)) {
    case 0:
      return null;
    case 1:
      return Math.floor(random() * 2 ** 53) * (random() < 0.5 ? -1 : 1);
    case 2:
      return random() < 0.5;
    case 3:
      return [oddString(random), 1, null];
    case 4:
      return { nested: { deeper: oddString(random) } };
    case 5:
      return 1.5e308;
    case 6:
      return '2026-02-30';
    case 7:
      return '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10';
    default:
      return oddString(random);
  }
}

export function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A body for a route expecting `fields`: wrong types, missing or unknown fields, broken JSON, huge, deep. */
export function badBody(random: () => number, fields: readonly string[]): { raw: string; contentType?: string } {
  const object: Record<string, unknown> = {};
  switch (Math.floor(random() * 10)) {
    case 0:
      return { raw: '{"' + oddString(random).slice(0, 20) };
    case 1:
      return { raw: nested(10 + Math.floor(random() * 5000)) };
    case 2:
      return { raw: JSON.stringify({ [pick(random, fields) ?? 'x']: 'x'.repeat(70_000 + Math.floor(random() * 200_000)) }) };
    case 3:
      return { raw: JSON.stringify(oddValue(random)) };
    case 4:
      return { raw: 'email=a&password=b', contentType: pick(random, ['application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data']) };
    case 5:
      for (const field of fields) object[field] = oddValue(random);
      object[oddString(random).slice(0, 30) || 'extra'] = oddValue(random);
      return { raw: JSON.stringify(object) };
    case 6:
      return { raw: JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } }) };
    default:
      for (const field of fields) if (random() < 0.6) object[field] = oddValue(random);
      return { raw: JSON.stringify(object) };
  }
}

export function badToken(random: () => number, valid?: string): string | undefined {
  switch (Math.floor(random() * 7)) {
    case 0:
      return undefined;
    case 1:
      return 'Bearer';
    case 2:
      return `Basic ${Buffer.from('a:b').toString('base64')}`;
    case 3:
      return `Bearer fgs_at_${'A'.repeat(43)}`;
    case 4:
      return `Bearer ${oddString(random).replace(/[^\x21-\x7e]/g, 'x').slice(0, 500) || 'x'}`;
    case 5:
      return valid ? `Bearer ${valid}x` : 'Bearer x';
    default:
      return valid ? `Bearer ${valid}` : undefined;
  }
}

/** Percent-encoding that also carries what encodeURIComponent refuses (a lone surrogate becomes invalid UTF-8 bytes). */
export function encodeOdd(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

export function badId(random: () => number): string {
  return encodeOdd(pick(random, ['not-a-uuid', '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', "1' OR '1'='1", 'x'.repeat(3000), '%', '..%2F..', '\u0000', '00000000-0000-0000-0000-000000000000']));
}
