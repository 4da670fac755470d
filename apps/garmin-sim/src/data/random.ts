/**
 * Deterministic randomness: every generated value comes from a PRNG seeded by
 * the simulator seed and the thing it describes (account, day, kind), so the
 * same seed gives the same data on every run and machine, in any request order.
 */
export type Random = () => number;

function hash(text: string): number {
  // FNV-1a, 32-bit
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function seeded(...parts: (string | number)[]): Random {
  // mulberry32
  let state = hash(parts.join('|'));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (random: Random, min: number, max: number) => min + random() * (max - min);
export const intBetween = (random: Random, min: number, max: number) => Math.floor(between(random, min, max + 1));
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
export const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
