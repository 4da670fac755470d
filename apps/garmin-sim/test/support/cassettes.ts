import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from '@fittrack/testing';

/** One recorded HTTP exchange of a VCR cassette in ../shared/garmin-fixtures. */
export interface Interaction {
  request: { method: string; uri: string; body: string | null; headers: Record<string, string[]> };
  response: {
    status: { code: number; message: string };
    headers: Record<string, string[]>;
    body: { string: string };
  };
}

export function fixturesDir(): string {
  return join(workspaceRoot(), '..', 'shared', 'garmin-fixtures');
}

export function listCassettes(folder: string): string[] {
  return readdirSync(join(fixturesDir(), folder))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(folder, f));
}

export function loadCassette(relativePath: string): Interaction[] {
  const parsed = parse(readFileSync(join(fixturesDir(), relativePath), 'utf8')) as { interactions: Interaction[] };
  return parsed.interactions;
}

/** Header value of a recorded response, case-insensitively. */
export function recordedHeader(interaction: Interaction, name: string): string | undefined {
  const entry = Object.entries(interaction.response.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1][0];
}

/**
 * The key structure of a JSON value: objects by sorted keys (recursively),
 * arrays by their first element. Two responses "have the same shape" when
 * these are equal.
 */
export function keyShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [keyShape(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, keyShape((value as Record<string, unknown>)[k])]),
    );
  }
  return null;
}

/** Paths present in `expected`'s shape but missing in `actual`'s (for readable failures). */
export function missingKeys(expected: unknown, actual: unknown, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path} (expected an array)`];
    return expected.length && actual.length ? missingKeys(expected[0], actual[0], `${path}[0]`) : [];
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path} (expected an object)`];
    return Object.keys(expected).flatMap((k) =>
      k in (actual as object)
        ? missingKeys((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], `${path}.${k}`)
        : [`${path}.${k}`],
    );
  }
  return [];
}
