import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { accessExpiresAt, ConnectApi, GarminError, GarminSession, PoliteSender, refreshExpiresAt } from '@fittrack/garmin';
import { GarminLinkStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { ApiTokensService, IssuedTokens } from '../tokens/api-tokens.service';
import { UserView } from '@fittrack/contracts';
import { toUserView, UserRow } from './user-view';

export interface Linked extends IssuedTokens {
  user: UserView;
}

/**
 * Turns a fresh Garmin session into a linked platform user: who it is (Garmin
 * profile id), then in one transaction the user (found or created: one per
 * Garmin account, whatever the race), the encrypted session, and API tokens.
 */
@Injectable()
export class AccountLinker {
  // Only for the one profile read after signing in; it honours Retry-After and backs off on 5xx.
  private readonly sender = new PoliteSender();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: GarminLinkStore,
    private readonly tokens: ApiTokensService,
    private readonly config: GatewayConfig,
  ) {}

  async link(session: GarminSession, userAgent: string | null): Promise<Linked> {
    const api = new ConnectApi(this.config.garmin, {
      account: `profile:${session.oauth2.jti}`,
      accessToken: async () => session.oauth2.access_token,
      sender: this.sender,
    });
    const profile = await api.profile();
    if (!profile || !Number.isSafeInteger(profile.profileId)) throw GarminError.protocol('the profile has no profile id');

    return this.dataSource.transaction(async (manager) => {
      const [user]: UserRow[] = await manager.query(
        `INSERT INTO users (garmin_profile_id, display_name) VALUES ($1, $2)
         ON CONFLICT (garmin_profile_id) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
         RETURNING id, garmin_profile_id, display_name, created_at`,
        [profile.profileId, profile.displayName ?? String(profile.profileId)],
      );
      await this.links.save(manager, user.id, {
        dialect: session.dialect,
        session,
        accessExpiresAt: accessExpiresAt(session),
        refreshExpiresAt: refreshExpiresAt(session),
      });
      const issued = await this.tokens.openSession(manager, user.id, userAgent);
      return { ...issued, user: toUserView(user) };
    });
  }
}
