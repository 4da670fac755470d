import { AccountSpec } from '../../src/state/accounts';
import { Interaction, keyShape, missingKeys } from './cassettes';
import { mailbox, oauthFor, SsoClient } from './garmin-client';
import { html } from './legacy-client';
import { RunningSim } from './sim-harness';

/** What a replay learns from earlier answers and substitutes into later requests. */
export interface ReplayContext {
  sim: RunningSim;
  account: AccountSpec;
  jar: SsoClient;
  csrf?: string;
  ticket?: string;
  location?: string;
  oauth1?: { key: string; secret: string };
  mfaToken?: string;
  bearer?: string;
}

/** VCR stores some header values as !!binary; the yaml parser gives those as bytes. */
export const text = (value: unknown): string => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value ?? ''));

function header(headers: Record<string, unknown[]>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return entry ? text(entry[1][0]) : undefined;
}

const mediaType = (contentType: string | undefined | null) => (contentType ?? '').split(';')[0].trim().toLowerCase();
/** Recorded SSO-host URLs in query values point at the simulator; the mobile service id is just a string and stays. */
const rehost = (ctx: ReplayContext, value: string) => value.replace(/^https:\/\/sso\.garmin\.com/, ctx.sim.url);

async function requestUrl(ctx: ReplayContext, recorded: Interaction, previous?: Interaction): Promise<string> {
  const uri = new URL(recorded.request.uri);
  // A request that follows a recorded redirect follows our own redirect instead.
  if (previous && header(previous.response.headers, 'location') === recorded.request.uri && ctx.location) return ctx.location;
  const query = new URLSearchParams();
  for (const [key, value] of uri.searchParams) query.append(key, key === 'ticket' ? (ctx.ticket ?? '') : rehost(ctx, value));
  const search = query.toString();
  return `${ctx.sim.url}${uri.pathname}${search ? `?${search}` : ''}`;
}

/** A recorded refusal of the password (garth test_login_mfa_fail.yaml #1, 401) is replayed with a wrong one. */
const passwordFor = (ctx: ReplayContext, recorded: Interaction) => (recorded.response.status.code === 401 ? `${ctx.account.password}-wrong` : ctx.account.password);

async function requestBody(ctx: ReplayContext, recorded: Interaction, contentType: string): Promise<string | undefined> {
  const raw = text(recorded.request.body ?? '');
  if (!raw && recorded.request.method === 'GET') return undefined;
  const code = () => mailbox(ctx.sim, ctx.account.email);
  if (mediaType(contentType) === 'application/json') {
    const json = JSON.parse(raw) as Record<string, unknown>;
    if ('username' in json)
      Object.assign(json, {
        username: ctx.account.email,
        password: passwordFor(ctx, recorded),
      });
    if ('mfaVerificationCode' in json) json['mfaVerificationCode'] = await code();
    return JSON.stringify(json);
  }
  const form = new URLSearchParams(raw);
  const substitutes: Record<string, () => Promise<string> | string> = {
    username: () => ctx.account.email,
    password: () => passwordFor(ctx, recorded),
    _csrf: () => ctx.csrf ?? '',
    'mfa-code': code,
    mfa_token: () => ctx.mfaToken ?? '',
  };
  for (const [key, substitute] of Object.entries(substitutes)) if (form.has(key)) form.set(key, await substitute());
  return form.toString();
}

function authorization(ctx: ReplayContext, url: string, method: string, body: string | undefined): string | undefined {
  const path = new URL(url).pathname;
  const oauth = oauthFor(ctx.sim);
  if (path.endsWith('/oauth/preauthorized')) return oauth.toHeader(oauth.authorize({ url, method })).Authorization;
  if (path.endsWith('/exchange/user/2.0')) {
    const data = Object.fromEntries(new URLSearchParams(body ?? ''));
    return oauth.toHeader(oauth.authorize({ url, method, data }, ctx.oauth1)).Authorization;
  }
  return ctx.bearer && path.startsWith('/userprofile-service/') ? `Bearer ${ctx.bearer}` : undefined;
}

/** Remembers what later requests need: CSRF, ticket, redirect, OAuth1 token, Bearer. */
function learn(ctx: ReplayContext, response: Response, body: string): void {
  ctx.location = response.headers.get('location') ?? undefined;
  const type = mediaType(response.headers.get('content-type'));
  if (type === 'text/html') {
    ctx.csrf = html.csrf(body) ?? ctx.csrf;
    ctx.ticket = /\?ticket=(ST-[^"&\s]+)/.exec(body)?.[1] ?? ctx.ticket;
  } else if (type === 'text/plain') {
    const fields = new URLSearchParams(body);
    ctx.oauth1 = {
      key: fields.get('oauth_token') ?? '',
      secret: fields.get('oauth_token_secret') ?? '',
    };
    ctx.mfaToken = fields.get('mfa_token') ?? undefined;
  } else if (type === 'application/json') {
    const json = JSON.parse(body || 'null') as Record<string, unknown> | null;
    if (typeof json?.['serviceTicketId'] === 'string') ctx.ticket = json['serviceTicketId'];
    if (typeof json?.['access_token'] === 'string') ctx.bearer = json['access_token'];
  }
}

/** Differences that matter between the recorded answer and ours; [] when they conform. */
function compare(recorded: Interaction, response: Response, body: string): string[] {
  const problems: string[] = [];
  const expected = recorded.response;
  if (response.status !== expected.status.code) problems.push(`status ${response.status}, recorded ${expected.status.code}`);
  const recordedType = header(expected.headers, 'content-type');
  if (recordedType && mediaType(recordedType) !== mediaType(response.headers.get('content-type'))) {
    problems.push(`content type ${response.headers.get('content-type')}, recorded ${recordedType}`);
  }
  const recordedBody = expected.body.string ?? '';
  const type = mediaType(recordedType);
  if (type === 'application/json' && recordedBody) {
    problems.push(...missingKeys(keyShape(JSON.parse(recordedBody)), keyShape(JSON.parse(body || 'null'))).map((k) => `missing ${k}`));
  }
  if (type === 'text/html') {
    const title = html.title(recordedBody);
    if (title !== undefined && html.title(body) !== title) problems.push(`title ${html.title(body)}, recorded ${title}`);
  }
  if (type === 'text/plain') {
    const ours = new URLSearchParams(body);
    for (const key of new URLSearchParams(recordedBody).keys()) if (!ours.has(key)) problems.push(`missing field ${key}`);
  }
  const recordedLocation = header(expected.headers, 'location');
  if (recordedLocation && new URL(recordedLocation).pathname !== new URL(response.headers.get('location') ?? 'x:/').pathname) {
    problems.push(`redirect to ${response.headers.get('location')}, recorded ${recordedLocation}`);
  }
  return problems;
}

/** Replays one interaction against the simulator; returns what did not conform. */
export async function replay(ctx: ReplayContext, recorded: Interaction, previous?: Interaction): Promise<string[]> {
  const url = await requestUrl(ctx, recorded, previous);
  // Some cassettes sanitised the request headers to the string "SANITIZED" (connect/daily_summary_get.yaml):
  // their exchange POST is a form, as the unsanitised oauth/ cassettes show.
  const recordedType = Array.isArray(Object.entries(recorded.request.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1])
    ? header(recorded.request.headers, 'content-type')
    : undefined;
  const contentType = recordedType ?? (recorded.request.method === 'POST' ? 'application/x-www-form-urlencoded' : '');
  const body = await requestBody(ctx, recorded, contentType);
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  const auth = authorization(ctx, url, recorded.request.method, body);
  if (auth) headers['authorization'] = auth;
  const response = await ctx.jar.fetch(url.slice(ctx.sim.url.length), {
    method: recorded.request.method,
    headers,
    body,
  });
  const answer = await response.text();
  learn(ctx, response, answer);
  return compare(recorded, response, answer).map((p) => `${recorded.request.method} ${new URL(recorded.request.uri).pathname}: ${p}`);
}
