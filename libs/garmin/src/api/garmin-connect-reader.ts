import { GarminConnect } from 'garmin-connect';
import { GarminClientConfig } from '../config';
import { GarminError } from '../errors';
import type { ConnectApiOptions } from './connect-api';
import { apiHeaders, rejectionOf } from './credentials';
import * as T from './connect-types';

/** The parts of garmin-connect's axios instance we touch (axios is its dependency, not ours). */
interface AxiosLike {
  defaults: { adapter?: unknown };
  interceptors: { request: { clear(): void }; response: { clear(): void } };
  getUri(config: unknown): string;
}

interface HttpClientLike {
  client: AxiosLike;
  fetchOauthConsumer: () => Promise<void>;
  get<R>(url: string, config?: unknown): Promise<R>;
}

/**
 * garmin-connect npm (a requirement of the design) for what it covers, with
 * its defects neutralised (protocol §E): one instance per account, its URL
 * fields pointed at our configured hosts, its consumer download replaced, its
 * interceptors removed (its 401-refresh keeps module-global state that would
 * leak one account's token into another's requests), and every request sent
 * through our PoliteSender with this account's current token.
 */
export class GarminConnectReader {
  private readonly gc: GarminConnect;
  private readonly http: HttpClientLike;
  private readonly urls: Record<string, string>;

  constructor(
    private readonly config: GarminClientConfig,
    private readonly options: ConnectApiOptions,
  ) {
    // It insists on credentials even for token-only use; these are never sent.
    this.gc = new GarminConnect({ username: 'token-only', password: 'token-only' }, config.domain);
    this.urls = (this.gc as unknown as { url: Record<string, string> }).url;
    this.urls['GC_API'] = config.connectApiUrl;
    this.urls['GARMIN_SSO_ORIGIN'] = config.ssoUrl;
    this.urls['GC_MODERN'] = `${config.connectApiUrl}/modern`;
    this.http = this.gc.client as unknown as HttpClientLike;
    this.http.fetchOauthConsumer = async () => {
      throw GarminError.protocol('garmin-connect must not sign in or fetch a consumer: sessions belong to GarminAuthenticator');
    };
    this.http.client.interceptors.request.clear();
    this.http.client.interceptors.response.clear();
    this.http.client.defaults.adapter = (request: unknown) => this.adapt(request);
  }

  /** axios adapter: our polite, per-account HTTP in place of axios's own. */
  private async adapt(request: unknown) {
    const url = this.http.client.getUri(request);
    const answer = await this.options.sender.send(this.options.account, url, {
      headers: apiHeaders(await this.options.accessToken(), this.config.domain),
      timeoutMs: this.config.timeoutMs,
    });
    rejectionOf(new URL(url).pathname, answer.status);
    let data: unknown = null;
    if (answer.status === 200 && answer.text.trim()) {
      try {
        data = JSON.parse(answer.text);
      } catch {
        throw GarminError.protocol(`${new URL(url).pathname} did not answer JSON`);
      }
    }
    return { data, status: answer.status, statusText: '', headers: {}, config: request, request: {} };
  }

  profile(): Promise<T.SocialProfile | null> {
    return this.gc.getUserProfile() as unknown as Promise<T.SocialProfile | null>;
  }

  async activities(start: number, limit: number): Promise<T.ActivitySummary[]> {
    return ((await this.gc.getActivities(start, limit)) as unknown as T.ActivitySummary[] | null) ?? [];
  }

  activity(activityId: number): Promise<T.ActivityDetail | null> {
    return this.gc.getActivity({ activityId }) as unknown as Promise<T.ActivityDetail | null>;
  }

  async workouts(start: number, limit: number): Promise<T.Workout[]> {
    return ((await this.gc.getWorkouts(start, limit)) as unknown as T.Workout[] | null) ?? [];
  }
}
