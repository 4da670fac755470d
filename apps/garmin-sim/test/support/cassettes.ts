import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { workspaceRoot } from '@fittrack/testing';
import { JsonKind, pathKinds } from '../../src/data/raw-json';

/** One recorded HTTP exchange of a VCR cassette in ../shared/garmin-fixtures. */
export interface Interaction {
  /** The body is text, or bytes when VCR kept it as `!!binary` (an upload's multipart form). */
  request: { method: string; uri: string; body: string | Uint8Array | null; headers: Record<string, string[]> };
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

/** Every cassette of the fixtures folder, at any depth, as paths relative to it. */
export function allCassettes(folder = ''): string[] {
  return readdirSync(join(fixturesDir(), folder)).flatMap((name) => {
    const path = folder ? join(folder, name) : name;
    if (statSync(join(fixturesDir(), path)).isDirectory()) return allCassettes(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

/**
 * VCR keeps some bodies as YAML `!!binary` (the yaml package gives bytes): gzip when they start 1f 8b,
 * else the raw bytes. Bodies become text here, so every suite reads them alike.
 */
export function bodyText(body: unknown): string {
  if (body instanceof Uint8Array) {
    const bytes = Buffer.from(body);
    return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  }
  return body === null || body === undefined ? '' : String(body);
}

export function loadCassette(relativePath: string): Interaction[] {
  const parsed = parse(readFileSync(join(fixturesDir(), relativePath), 'utf8')) as { interactions: Interaction[] };
  return parsed.interactions.map((i) => ({
    ...i,
    response: { ...i.response, body: { string: bodyText(i.response.body.string) } },
  }));
}

/** Header value of a recorded response, case-insensitively. */
export function recordedHeader(interaction: Interaction, name: string): string | undefined {
  const entry = Object.entries(interaction.response.headers).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry ? bodyText(entry[1][0]) : undefined;
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

export type Kinds = Map<string, Set<JsonKind>>;

/** The kinds per path of several JSON texts together (what Garmin has been seen to send at each path). */
/**
 * The kinds per path of one JSON text, object keys that are ids (Garmin keys some maps by device id:
 * `reportData.3469703076`) named `{id}`, so another account's answer compares.
 */
export function kindsOf(text: string): Kinds {
  const result: Kinds = new Map();
  for (const [path, kinds] of pathKinds(text)) {
    const key = path.replace(/\.\d{5,}(?=\.|\[|$)/g, '.{id}');
    const into = result.get(key) ?? new Set();
    kinds.forEach((k) => into.add(k));
    result.set(key, into);
  }
  return result;
}

export function unionKinds(texts: string[]): Kinds {
  const union: Kinds = new Map();
  for (const text of texts) {
    for (const [path, kinds] of kindsOf(text)) {
      const into = union.get(path) ?? new Set();
      kinds.forEach((k) => into.add(k));
      union.set(path, into);
    }
  }
  return union;
}

const isArrayKind = (k: JsonKind) => k === 'array' || k === 'emptyArray';
const sameKind = (a: JsonKind, b: JsonKind) => a === b || (isArrayKind(a) && isArrayKind(b));

/** The parent paths of a path, nearest first: `$.a[].b` → `$.a[]`, `$.a`, `$`. */
function ancestors(path: string): string[] {
  const result: string[] = [];
  for (let cut = path.length - 1; cut > 0; cut--) {
    if (path[cut] === '.' || (path[cut] === '[' && path[cut - 1] !== '[')) result.push(path.slice(0, cut));
  }
  return result;
}

/**
 * Differences between a recorded JSON answer and ours (see the conformance suite for the rules):
 * 1. every path of the recording outside arrays exists in ours, unless ours holds null or [] above it
 *    (inside arrays, elements differ by kind — a run's keys are not a ride's — so rule 3 judges them);
 * 2. every kind we send at a path is one Garmin sent there in some recording of the endpoint
 *    (`seen`), integer and decimal told apart as written, null only where Garmin sent null;
 * 3. every element of our arrays of objects has the keys every recorded element of that array had
 *    (and, below, the keys of the recorded element it is compared with).
 */
/** Groups array elements that must share keys (activities: by sport); undefined = checked by kinds only. */
export type ElementGroup = (element: Record<string, unknown>, side: 'recorded' | 'ours') => string | undefined;

export function shapeProblems(recordedText: string, oursText: string, seen: Kinds, group?: ElementGroup, optional: ReadonlySet<string> = new Set()): string[] {
  const recorded = kindsOf(recordedText);
  const ours = kindsOf(oursText);
  const problems: string[] = [];
  const emptyOrNull = (path: string) => ancestors(path).some((a) => [...(ours.get(a) ?? [])].every((k) => k === 'null' || k === 'emptyArray') && ours.has(a));
  for (const path of recorded.keys()) {
    if (!path.includes('[') && !ours.has(path) && !emptyOrNull(path)) problems.push(`missing ${path}`);
  }
  for (const [path, kinds] of ours) {
    const garmin = seen.get(path);
    if (!garmin) continue; // a key no recording has: extra keys are allowed
    for (const kind of kinds) {
      if (![...garmin].some((g) => sameKind(g, kind))) problems.push(`${path}: ${kind}, Garmin sends ${[...garmin].join('|')}`);
    }
  }
  problems.push(...elementKeyProblems(JSON.parse(recordedText), JSON.parse(oursText), '$', { group, optional }));
  return problems;
}

const isObject = (e: unknown): e is Record<string, unknown> => e !== null && typeof e === 'object' && !Array.isArray(e);

function elementKeyProblems(recorded: unknown, ours: unknown, path: string, rules: { group?: ElementGroup; optional: ReadonlySet<string> }): string[] {
  const { group, optional } = rules;
  if (Array.isArray(recorded) && Array.isArray(ours)) {
    const objects = recorded.filter(isObject);
    if (objects.length === 0) return [];
    const problems: string[] = [];
    ours.forEach((element, index) => {
      if (!isObject(element)) return;
      const key = group?.(element, 'ours');
      const peers = group ? objects.filter((o) => key !== undefined && group(o, 'recorded') === key) : objects;
      if (peers.length === 0) return;
      const required = Object.keys(peers[0]).filter((k) => !optional.has(k) && peers.every((o) => k in o));
      const missing = required.filter((k) => !(k in element));
      if (missing.length) problems.push(`${path}[${index}] lacks ${missing.join(', ')}`);
      // Below the element: its objects and arrays against the recorded peer's.
      if (index < 50) problems.push(...elementKeyProblems(peers[0], element, `${path}[${index}]`, rules));
    });
    return problems.slice(0, 5);
  }
  if (isObject(recorded) && isObject(ours)) {
    return Object.keys(recorded).flatMap((k) => (k in ours ? elementKeyProblems(recorded[k], ours[k], `${path}.${k}`, rules) : []));
  }
  return [];
}

/** The community OAuth consumer download: not Garmin; we configure our own consumer and never fetch it. */
export const SKIPPED_HOSTS = new Set(['thegarth.s3.amazonaws.com']);

/**
 * Which suite replays an interaction: `auth` (conformance-auth: sign-in on sso.*, OAuth on
 * /oauth-service/), `connect` (conformance-connect: the Connect API on connectapi.*), or `skipped`:
 * a non-Garmin host, or connect.garmin.com's web-app home page (garth test_client_request.yaml #0),
 * which garth fetched only to test its HTTP client and whose path `/` is, on the simulator's single
 * origin, connectapi's (recorded in #1 of the same cassette, which is replayed).
 */
export function suiteOf(interaction: Interaction): 'auth' | 'connect' | 'skipped' {
  const uri = new URL(interaction.request.uri);
  if (SKIPPED_HOSTS.has(uri.hostname) || uri.hostname === 'connect.garmin.com') return 'skipped';
  if (uri.hostname.startsWith('sso.') || uri.pathname.startsWith('/oauth-service/')) return 'auth';
  return 'connect';
}

/** The cassettes holding sign-in or OAuth traffic: the auth suite replays each (its auth part). */
export const AUTH_CASSETTES = allCassettes().filter((c) => loadCassette(c).some((i) => suiteOf(i) === 'auth'));
