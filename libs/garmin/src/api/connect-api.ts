import { GarminClientConfig } from '../config';
import { GarminError } from '../errors';
import { Answer } from '../http/send';
import { ApiCredential, apiHeaders, rejectionOf } from './credentials';
import * as T from './connect-types';
import { GarminConnectReader } from './garmin-connect-reader';
import { PoliteSender } from './polite-sender';

export interface ConnectApiOptions {
  /** Who the requests are for: the rate-limiter key. */
  account: string;
  /**
   * The current credential (a plain string is a Bearer token; `apiCredential(session)` gives a JWT_WEB
   * session its cookie form); the session layer refreshes it (under its own lock) before it expires.
   */
  accessToken: () => Promise<string | ApiCredential>;
  sender: PoliteSender;
}

type Query = Record<string, string | number | undefined>;

/**
 * One account's typed view of the Connect API: garmin-connect npm (through
 * GarminConnectReader) for what it covers, our own HTTP for the rest, both
 * through the same PoliteSender. Garmin's no-data answers (204,
 * a `null` body, an empty DTO, a missing resource) come back as `null`, never
 * as an exception. A 401 is a rejected token (GARMIN_SESSION_REJECTED: the caller refreshes once); a 403 is
 * Garmin refusing this resource (GARMIN_FORBIDDEN: no refresh is spent on it).
 */
export class ConnectApi {
  private readonly reader: GarminConnectReader;

  constructor(
    private readonly config: GarminClientConfig,
    private readonly options: ConnectApiOptions,
  ) {
    this.reader = new GarminConnectReader(config, options);
  }

  private async request(path: string, query: Query = {}, binary = false, method: 'GET' | 'POST' = 'GET'): Promise<Answer> {
    const search = new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])) as [string, string][],
    ).toString();
    const url = `${this.config.connectApiUrl}${path}${search ? `?${search}` : ''}`;
    const answer = await this.options.sender.send(this.options.account, url, {
      headers: apiHeaders(await this.options.accessToken(), this.config.domain, binary ? '*/*' : 'application/json'),
      timeoutMs: this.config.timeoutMs,
      binary,
      ...(method === 'GET' ? {} : { method }),
    });
    rejectionOf(path, answer.status);
    return answer;
  }

  /**
   * Any Connect API read, as JSON: the data kinds' sources name their own endpoints (the paths the evidence
   * shows, sync-worker kinds/**). No data (204, 404, an empty or `null` body) is `null`.
   */
  getJson<R>(path: string, query?: Query): Promise<R | null> {
    return this.json(path, query);
  }

  /** A Connect API POST without a body (e.g. asking Garmin to reload an archived day); its JSON answer, or null. */
  async post<R>(path: string): Promise<R | null> {
    return this.parse<R>(path, await this.request(path, {}, false, 'POST'));
  }

  private async json<R>(path: string, query?: Query): Promise<R | null> {
    return this.parse<R>(path, await this.request(path, query));
  }

  private parse<R>(path: string, answer: Answer): R | null {
    if (answer.status === 204 || answer.status === 404 || answer.text.trim() === '') return null;
    if (answer.status !== 200) throw GarminError.protocol(`${path} answered ${answer.status}`);
    try {
      return JSON.parse(answer.text) as R | null;
    } catch {
      throw GarminError.protocol(`${path} did not answer JSON`);
    }
  }

  profile(): Promise<T.SocialProfile | null> {
    return this.reader.profile();
  }

  userSettings(): Promise<Record<string, unknown> | null> {
    return this.json('/userprofile-service/userprofile/user-settings');
  }

  /** Newest first, by offset; a date range needs query parameters garmin-connect does not send. */
  async activities(start: number, limit: number, range: { from?: string; to?: string } = {}): Promise<T.ActivitySummary[]> {
    if (!range.from && !range.to) return this.reader.activities(start, limit);
    const query = { start, limit, startDate: range.from, endDate: range.to };
    return (await this.json<T.ActivitySummary[]>('/activitylist-service/activities/search/activities', query)) ?? [];
  }

  activity(activityId: number): Promise<T.ActivityDetail | null> {
    return this.reader.activity(activityId);
  }

  /** The original upload: a ZIP holding the FIT file, as bytes (never a file on disk). */
  async activityFile(activityId: number): Promise<Buffer | null> {
    const answer = await this.request(`/download-service/files/activity/${activityId}`, {}, true);
    if (answer.status === 404) return null;
    if (!answer.bytes) throw GarminError.protocol(`the download answered ${answer.status}`);
    return answer.bytes;
  }

  async dailySummary(date: string, displayName = ''): Promise<T.DailySummary | null> {
    return this.json(`/usersummary-service/usersummary/daily/${displayName}`, { calendarDate: date });
  }

  workouts(start: number, limit: number): Promise<T.Workout[]> {
    return this.reader.workouts(start, limit);
  }

  workout(workoutId: number): Promise<T.Workout | null> {
    return this.json(`/workout-service/workout/${workoutId}`);
  }
}
