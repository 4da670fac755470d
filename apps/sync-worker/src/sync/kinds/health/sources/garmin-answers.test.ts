// Spec support for the sources' specs, not a suite: named *.test.ts so the app build leaves it out
// (tsconfig.app.json) and jest, which runs *.spec.ts, does not run it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { ConnectApi } from '@fittrack/garmin';
import { workspaceRoot } from '@fittrack/testing';
import { SourceContext } from '../daily-source';

type Query = Record<string, string | number | undefined>;

interface Cassette {
  interactions: { request: { uri: string }; response: { status: { code: number }; body: { string: unknown } } }[];
}

/** One recorded Connect API exchange, its body as `ConnectApi.getJson` gives it. */
export interface RecordedAnswer {
  /** Path and sorted query, e.g. `/metrics-service/metrics/hillscore?calendarDate=2025-07-07`. */
  request: string;
  body: unknown;
}

/** VCR keeps some bodies as `!!binary` (the yaml parser gives bytes), gzipped as sent. */
function bodyText(body: unknown): string {
  if (!(body instanceof Uint8Array)) return String(body ?? '');
  const bytes = Buffer.from(body);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

const requestKey = (path: string, params: [string, string][]) => {
  const search = new URLSearchParams([...params].sort(([a], [b]) => a.localeCompare(b))).toString();
  return search ? `${path}?${search}` : path;
};

/** A request as ConnectApi sends it: undefined query values are left out. */
export const asked = (path: string, query: Query = {}): string =>
  requestKey(path, Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)] as [string, string]])));

/** The Connect API exchanges of a cassette of ../shared/garmin-fixtures (204, 404 and empty bodies are null, as getJson has them). */
export function recordedAnswers(cassette: string): RecordedAnswer[] {
  const file = join(workspaceRoot(), '..', 'shared', 'garmin-fixtures', cassette);
  const { interactions } = parse(readFileSync(file, 'utf8')) as Cassette;
  return interactions
    .filter(({ request }) => new URL(request.uri).hostname.startsWith('connectapi.'))
    .map(({ request, response }) => {
      const uri = new URL(request.uri);
      const text = bodyText(response.body.string);
      const empty = response.status.code === 204 || response.status.code === 404 || text.trim() === '';
      return { request: requestKey(uri.pathname, [...uri.searchParams]), body: empty ? null : JSON.parse(text) };
    });
}

/** A fake Connect API and the requests it was asked. */
export interface FakeApi {
  api: ConnectApi;
  requests: string[];
}

/** A ConnectApi that answers what the cassette recorded for the same path and query, and fails any other request. */
export function replaying(cassette: string): FakeApi {
  const answers = recordedAnswers(cassette);
  const requests: string[] = [];
  const getJson = async (path: string, query?: Query) => {
    const request = asked(path, query);
    requests.push(request);
    const found = answers.find((answer) => answer.request === request);
    if (!found) throw new Error(`${cassette} recorded no ${request} (it has ${answers.map((a) => a.request).join(', ')})`);
    return found.body;
  };
  return { api: { getJson } as unknown as ConnectApi, requests };
}

/** A ConnectApi that answers `body` to every read: for the endpoints only pgc shows, a body in the shape pgc reads. */
export function answering(body: unknown): FakeApi {
  const requests: string[] = [];
  const getJson = async (path: string, query?: Query) => {
    requests.push(asked(path, query));
    return body;
  };
  return { api: { getJson } as unknown as ConnectApi, requests };
}

/** What a source knows of garth's recorded user ("mtamizi"). */
export const contextFor = ({ api }: FakeApi, extra: Partial<SourceContext> = {}): SourceContext => ({
  api,
  displayName: 'mtamizi',
  profileId: 2591602,
  today: '2030-06-01',
  ...extra,
});
