import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject } from '@fittrack/contracts';
import { accessExpiresAt, ApiCredential, apiCredential, GarminError, GarminSession, needsRefresh, refreshExpiresAt } from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import { GarminAuthenticationState, GarminLinkStore } from '@fittrack/persistence';
import { ErrorKind } from '@fittrack/app-core';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { SESSION_REFRESHER, SessionRefresher } from './session/garmin-authenticator.provider';
import { HealthReason, refusedHealth } from './session/health-reasons';
import { SessionError } from './session/session.errors';
import { NeedsLogin } from './sync.errors';
import { SyncMetrics } from './sync.metrics';

/** A user's live Garmin session inside a job: its access token, refreshed when due or rejected. */
export interface SessionHandle {
  /** The current credential: a Bearer token, or a JWT_WEB session's cookie (the session's dialect decides). */
  accessToken(): Promise<ApiCredential>;
  /** Garmin rejected the token: refresh once (or take the one another worker just wrote). */
  rejected(): Promise<void>;
}

/** A session and the stored version it is (or, unsaved, will be once written). */
interface Current {
  session: GarminSession;
  version: number;
}

/** A session Garmin handed us that is not stored yet: it is written over `seenVersion`. */
interface Unsaved {
  session: GarminSession;
  seenVersion: number;
}

const WAIT_FIRST_PAUSE_MS = 50;
const WAIT_MAX_PAUSE_MS = 1000;
const WRITE_FIRST_PAUSE_MS = 250;
const WRITE_MAX_PAUSE_MS = 5000;

const unhealthy = (state: GarminAuthenticationState) => state.healthStatus === 'needs_login' || state.healthStatus === 'revoked';
const detailOf = (error: unknown) => (error instanceof GarminError ? `${error.code}: ${error.message}` : String(error));

/**
 * Garmin sessions for workers. A refresh is single-flight across the cluster without a transaction open
 * while Garmin answers: one conditional UPDATE claims it (naming the version seen, with an expiry), Garmin
 * is called with no connection held, and the new session is written back only over that version. Other
 * lanes of this process share the in-flight refresh; other workers poll the row until its version moves
 * (and take the new session) or the claim lapses (its holder died: they take the claim).
 *
 * What is guaranteed about a rotated refresh token (Garmin may hand out a new one and invalidate the old):
 * - While this process lives, a session Garmin gave it is never dropped unstored. If the write-back fails
 *   (PostgreSQL away) the session stays in `unsaved`, every lane here keeps using it (and refreshes from it),
 *   and the write is retried with backoff until it lands or the stored session has moved on without it.
 * - No other worker refreshes with the rotated-away token while the claim runs: GARMIN_REFRESH_CLAIM_SECONDS
 *   from the claim, longer than a refresh can take (two Garmin requests with their timeouts and retries). A
 *   lapsed claim does not stop the write-back: it still lands if nobody took the claim since.
 * - What is not covered: this worker unable to reach PostgreSQL for longer than the claim while another worker
 *   can, and needs the same user's session. That worker then refreshes with the old token; Garmin refuses it
 *   (the link goes needs_login or revoked, the user signs in again) or accepts it (it does not rotate), and our
 *   write-back then finds the version moved and is dropped (logged). An outage of PostgreSQL for everyone,
 *   the usual kind, cannot cause this: nobody can take the claim.
 * A write-back that returns false (the stored session moved on: another refresh, a new sign-in, needs_login,
 * or the link is gone) drops ours: the stored one is what every worker agrees on, and it is read instead.
 */
@Injectable()
export class SessionKeeper implements OnApplicationShutdown {
  private readonly logger = new Logger(SessionKeeper.name);
  /** This process's name on refresh claims. */
  readonly holder = `refresher-${randomUUID()}`;
  private readonly inFlight = new Map<string, Promise<Current>>();
  private readonly unsaved = new Map<string, Unsaved>();
  private readonly writers = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: GarminLinkStore,
    private readonly events: EventPublisher,
    private readonly metrics: SyncMetrics,
    private readonly config: WorkerConfig,
    @Inject(SESSION_REFRESHER) private readonly refresher: SessionRefresher,
  ) {}

  async open(userId: string): Promise<SessionHandle> {
    let current = await this.load(userId);
    const refresh = async (force: boolean) => {
      current = await this.refresh(userId, current.version, force);
    };
    return {
      accessToken: async () => {
        if (this.due(current.session)) await refresh(false);
        return apiCredential(current.session);
      },
      rejected: () => refresh(true),
    };
  }

  /**
   * Refreshes a session now, before its refresh credentials run out (the nightly run asks). Once across
   * the cluster like every refresh; a failure is recorded on the session: needs_login or revoked when
   * Garmin refused it, refresh_failed (a sentence of ours; the real error goes to this log) when Garmin
   * could not be reached.
   */
  async refreshProactively(userId: string): Promise<void> {
    const state = await this.links.find(this.dataSource.manager, userId);
    if (!state || unhealthy(state)) return;
    try {
      await this.refresh(userId, state.version, true);
    } catch (error) {
      if (error instanceof NeedsLogin || error instanceof SessionError) throw error;
      this.logger.warn(`user ${userId}: proactive refresh failed: ${detailOf(error)}`);
      await this.links.markUnhealthy(this.dataSource.manager, userId, 'refresh_failed', HealthReason.RefreshFailed);
      throw error;
    }
  }

  /** Sessions refreshed but not stored yet (PostgreSQL away), by user: what a failed write-back keeps alive. */
  get unsavedUsers(): string[] {
    return [...this.unsaved.keys()];
  }

  /** One last write of every unsaved session; what still fails is said in the log (never the token). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const userId of this.unsavedUsers) {
      if ((await this.writeOnce(userId)) === 'failed') {
        this.logger.error(`user ${userId}: a refreshed Garmin session could not be stored before shutdown; the user may have to sign in again`);
      }
    }
  }

  private due(session: GarminSession): boolean {
    return needsRefresh(session, Date.now(), this.config.GARMIN_REFRESH_SKEW_SECONDS);
  }

  private async load(userId: string): Promise<Current> {
    const pending = this.unsaved.get(userId);
    if (pending) return { session: pending.session, version: pending.seenVersion + 1 };
    const state = await this.links.find(this.dataSource.manager, userId);
    if (!state) throw new NeedsLogin('no Garmin account is linked');
    if (unhealthy(state)) throw new NeedsLogin(state.healthStatus);
    return { session: this.links.open<GarminSession>(state), version: state.version };
  }

  /** One refresh per user at a time in this process: a second lane takes the first one's result. */
  private refresh(userId: string, seenVersion: number, force: boolean): Promise<Current> {
    const running = this.inFlight.get(userId);
    if (running) return running;
    const flight = this.refreshOnce(userId, seenVersion, force).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, flight);
    return flight;
  }

  private async refreshOnce(userId: string, seenVersion: number, force: boolean): Promise<Current> {
    const pending = this.unsaved.get(userId);
    if (pending) {
      // Ours and not stored yet: newer than the database's, and only we can renew it (its claim is ours,
      // or lapsed while PostgreSQL was away).
      if (!force && !this.due(pending.session)) return { session: pending.session, version: pending.seenVersion + 1 };
      return this.renew(userId, pending.session, pending.seenVersion, refreshExpiresAt(pending.session));
    }
    const claimMs = this.config.GARMIN_REFRESH_CLAIM_SECONDS * 1000;
    const started = Date.now();
    for (let pause = WAIT_FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, WAIT_MAX_PAUSE_MS)) {
      const state = await this.links.find(this.dataSource.manager, userId);
      if (!state) throw new NeedsLogin('no Garmin account is linked');
      if (unhealthy(state)) throw new NeedsLogin(state.healthStatus);
      const stored = this.links.open<GarminSession>(state);
      // Someone refreshed since we read it (theirs is fresh), or nothing is due and nothing was rejected.
      if (!this.due(stored) && (state.version !== seenVersion || !force)) return { session: stored, version: state.version };
      if (await this.links.claimRefresh(this.dataSource.manager, userId, state.version, this.holder, this.config.GARMIN_REFRESH_CLAIM_SECONDS)) {
        return this.renew(userId, stored, state.version, state.refreshExpiresAt);
      }
      // Another worker's claim runs: wait for its version (or for the claim to lapse, then it is ours to take).
      // Two claims' worth is the backstop for claims that others keep taking before us.
      if (Date.now() - started > 2 * claimMs) throw SessionError.refreshBusy(userId, Date.now() - started);
      await sleep(pause);
    }
  }

  /** Garmin renews `session` (stored at `seenVersion`, or unsaved over it); the result is kept, then stored. */
  private async renew(userId: string, session: GarminSession, seenVersion: number, refreshExpiry: Date | null): Promise<Current> {
    let fresh: GarminSession;
    try {
      fresh = await this.refresher.refresh(session);
    } catch (error) {
      if (!this.unsaved.has(userId)) await this.links.releaseClaim(this.dataSource.manager, userId, this.holder).catch(() => undefined);
      throw await this.refused(userId, refreshExpiry, error);
    }
    this.metrics.refreshed();
    const pending = this.unsaved.get(userId);
    if (pending) {
      // A write-back of the previous one is under way: it writes this one now.
      pending.session = fresh;
      return { session: fresh, version: pending.seenVersion + 1 };
    }
    this.unsaved.set(userId, { session: fresh, seenVersion });
    const outcome = await this.writeOnce(userId);
    if (outcome === 'failed') {
      this.keepWriting(userId);
      return { session: fresh, version: seenVersion + 1 };
    }
    if (outcome === 'superseded') return this.refreshOnce(userId, seenVersion, false);
    return { session: fresh, version: seenVersion + 1 };
  }

  /** Garmin refused the refresh credential: the user must sign in again (everyone is told); other errors pass. */
  private async refused(userId: string, refreshExpiry: Date | null, error: unknown): Promise<unknown> {
    if (!(error instanceof GarminError) || error.kind !== ErrorKind.Unauthorized) return error;
    this.unsaved.delete(userId);
    const health = refusedHealth(refreshExpiry, Date.now());
    const reason = health === 'revoked' ? HealthReason.Revoked : HealthReason.NeedsLogin;
    this.logger.warn(`user ${userId}: Garmin refused the session's refresh (${detailOf(error)}); marked ${health}, they must sign in again`);
    await this.links.markUnhealthy(this.dataSource.manager, userId, health, reason).catch((e) => this.logger.warn(`user ${userId}: could not mark ${health}: ${String(e)}`));
    this.events.publish(EventSubject.SessionNeedsLogin, { userId, reason, at: new Date().toISOString() });
    return new NeedsLogin(`${health}: ${error.message}`);
  }

  /**
   * One write-back of the user's unsaved session: stored (and forgotten here), superseded (the stored one moved
   * on; ours is dropped), or failed (kept, to be tried again).
   */
  private async writeOnce(userId: string): Promise<'stored' | 'superseded' | 'failed'> {
    const pending = this.unsaved.get(userId);
    if (!pending) return 'stored';
    const { session, seenVersion } = pending;
    let stored: boolean;
    try {
      stored = await this.links.writeBack(this.dataSource.manager, userId, seenVersion, this.holder, {
        dialect: session.dialect,
        session,
        accessExpiresAt: accessExpiresAt(session),
        refreshExpiresAt: refreshExpiresAt(session),
      });
    } catch (error) {
      this.logger.warn(`user ${userId}: could not store the refreshed Garmin session (kept in memory, retrying): ${String(error)}`);
      return 'failed';
    }
    if (!stored && !(await this.isStored(userId, session))) {
      this.unsaved.delete(userId);
      this.logger.warn(`user ${userId}: dropped a refreshed Garmin session: the stored one moved on past version ${seenVersion} meanwhile`);
      return 'superseded';
    }
    // A refresh from the unsaved session may have replaced it while this one was written: that is stored next.
    if (pending.session === session) this.unsaved.delete(userId);
    else pending.seenVersion = seenVersion + 1;
    return this.unsaved.has(userId) ? 'failed' : 'stored';
  }

  /** Whether the stored session is this one: an earlier write-back landed although its answer was lost. */
  private async isStored(userId: string, session: GarminSession): Promise<boolean> {
    const state = await this.links.find(this.dataSource.manager, userId).catch(() => null);
    return !!state && this.links.open<GarminSession>(state).oauth2.access_token === session.oauth2.access_token;
  }

  /** Retries the user's write-back (backoff) until it lands or is superseded; one writer per user. */
  private keepWriting(userId: string): void {
    if (this.writers.has(userId)) return;
    const writer = (async () => {
      for (let pause = WRITE_FIRST_PAUSE_MS; this.unsaved.has(userId) && !this.stopped; pause = Math.min(pause * 2, WRITE_MAX_PAUSE_MS)) {
        await sleep(pause);
        if ((await this.writeOnce(userId)) === 'stored') this.logger.log(`user ${userId}: the refreshed Garmin session is stored`);
      }
    })().finally(() => this.writers.delete(userId));
    this.writers.set(userId, writer);
  }
}
