import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject } from '@fittrack/contracts';
import {
  accessExpiresAt,
  ApiCredential,
  apiCredential,
  GarminAuthenticator,
  GarminError,
  GarminSession,
  needsRefresh,
  refreshExpiresAt,
} from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import { GarminAuthenticationState, GarminLinkStore } from '@fittrack/persistence';
import { ErrorKind } from '@fittrack/app-core';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { NeedsLogin } from './sync.errors';
import { SyncMetrics } from './sync.metrics';

/** A user's live Garmin session inside a job: its access token, refreshed when due or rejected. */
export interface SessionHandle {
  /** The current credential: a Bearer token, or a JWT_WEB session's cookie (the session's dialect decides). */
  accessToken(): Promise<ApiCredential>;
  /** Garmin rejected the token: refresh once (or take the one another worker just wrote). */
  rejected(): Promise<void>;
}

/**
 * Garmin sessions for workers. A refresh happens once across the cluster: the
 * state row is locked, and if its version moved since we read it another
 * worker has already refreshed, so its token is taken instead; otherwise the
 * rotated token is written back in the same transaction as the lock.
 */
@Injectable()
export class SessionKeeper {
  private readonly logger = new Logger(SessionKeeper.name);
  private readonly authenticator: GarminAuthenticator;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: GarminLinkStore,
    private readonly events: EventPublisher,
    private readonly metrics: SyncMetrics,
    private readonly config: WorkerConfig,
  ) {
    this.authenticator = new GarminAuthenticator(config.garmin);
  }

  async open(userId: string): Promise<SessionHandle> {
    let current = await this.load(userId);
    const refresh = async (force: boolean) => {
      current = await this.refresh(userId, current.version, force);
    };
    return {
      accessToken: async () => {
        if (needsRefresh(current.session, Date.now(), this.config.GARMIN_REFRESH_SKEW_SECONDS)) await refresh(false);
        return apiCredential(current.session);
      },
      rejected: () => refresh(true),
    };
  }

  /**
   * Refreshes a session now, before its refresh credentials run out (the nightly run asks). Once across
   * the cluster like every refresh; a failure is recorded on the session: needs_login when Garmin
   * rejected it, refresh_failed (with the reason) when Garmin could not be reached.
   */
  async refreshProactively(userId: string): Promise<void> {
    const state = await this.dataSource.getRepository(GarminAuthenticationState).findOneBy({ userId });
    if (!state || state.healthStatus === 'needs_login' || state.healthStatus === 'revoked') return;
    try {
      await this.refresh(userId, state.version, true);
    } catch (error) {
      if (error instanceof NeedsLogin) throw error;
      const reason = `proactive refresh failed: ${error instanceof Error ? error.message : String(error)}`;
      await this.dataSource.transaction((manager) => this.links.markUnhealthy(manager, userId, 'refresh_failed', reason));
      throw error;
    }
  }

  private async load(userId: string): Promise<{ session: GarminSession; version: number }> {
    const state = await this.dataSource.getRepository(GarminAuthenticationState).findOneBy({ userId });
    if (!state) throw new NeedsLogin('no Garmin account is linked');
    if (state.healthStatus === 'needs_login' || state.healthStatus === 'revoked') throw new NeedsLogin(state.healthReason ?? state.healthStatus);
    return { session: this.links.open<GarminSession>(state), version: state.version };
  }

  private async refresh(userId: string, seenVersion: number, force: boolean): Promise<{ session: GarminSession; version: number }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const state = await manager
          .getRepository(GarminAuthenticationState)
          .createQueryBuilder('s')
          .setLock('pessimistic_write')
          .where('s.userId = :userId', { userId })
          .getOne();
        if (!state) throw new NeedsLogin('no Garmin account is linked');
        const session = this.links.open<GarminSession>(state);
        // Someone refreshed while we waited for the lock: theirs is fresh (unless it too is due).
        if (state.version !== seenVersion && !needsRefresh(session, Date.now(), this.config.GARMIN_REFRESH_SKEW_SECONDS)) {
          return { session, version: state.version };
        }
        if (!force && state.version === seenVersion && !needsRefresh(session, Date.now(), this.config.GARMIN_REFRESH_SKEW_SECONDS)) {
          return { session, version: state.version };
        }
        const fresh = await this.authenticator.refresh(session);
        this.metrics.refreshed();
        await this.links.rotate(manager, userId, state.version, {
          dialect: fresh.dialect,
          session: fresh,
          accessExpiresAt: accessExpiresAt(fresh),
          refreshExpiresAt: refreshExpiresAt(fresh),
        });
        return { session: fresh, version: state.version + 1 };
      });
    } catch (error) {
      if (error instanceof GarminError && error.kind === ErrorKind.Unauthorized) {
        await this.dataSource.transaction((manager) => this.links.markUnhealthy(manager, userId, 'needs_login', error.message));
        this.events.publish(EventSubject.SessionNeedsLogin, { userId, reason: error.message, at: new Date().toISOString() });
        this.logger.warn(`user ${userId}: the Garmin session could not be refreshed; they must sign in again`);
        throw new NeedsLogin(error.message);
      }
      throw error;
    }
  }
}
