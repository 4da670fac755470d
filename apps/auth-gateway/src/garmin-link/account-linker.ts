import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { accessExpiresAt, GarminError, GarminProfile, GarminSession, refreshExpiresAt } from '@fittrack/garmin';
import { GarminLinkStore, SignInCooldownStore } from '@fittrack/persistence';
import { SignedInView } from '@fittrack/contracts';
import { DataSource } from 'typeorm';
import { ApiTokensService } from '../tokens/api-tokens.service';
import { toUserView, UserRow } from './user-view';

/** A Garmin session the library has checked against socialProfile, and whose it is. */
export interface GarminSignIn {
  session: GarminSession;
  profile: GarminProfile;
  /** The way in: a sign-in strategy, or `import`. */
  via: string;
  /** SHA-256 of the email signed in with; absent for imported tokens. */
  emailHash?: string;
  /** True when Garmin asked for an MFA code and accepted it; the API session records it. */
  mfa?: boolean;
}

export type Linked = SignedInView;

/**
 * Turns a checked Garmin session into a linked platform user, in one
 * transaction: the user (found or created by Garmin profile id: one per Garmin
 * account, whatever the race), the encrypted session, the end of the account's
 * sign-in cooldown, and API tokens.
 */
@Injectable()
export class AccountLinker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: GarminLinkStore,
    private readonly cooldowns: SignInCooldownStore,
    private readonly tokens: ApiTokensService,
  ) {}

  async link(signedIn: GarminSignIn, userAgent: string | null): Promise<Linked> {
    const { session, profile, via, emailHash, mfa = false } = signedIn;
    if (!Number.isSafeInteger(profile.profileId)) throw GarminError.protocol('the profile has no profile id');

    return this.dataSource.transaction(async (manager) => {
      const [user]: UserRow[] = await manager.query(
        `INSERT INTO users (garmin_profile_id, display_name) VALUES ($1, $2)
         ON CONFLICT (garmin_profile_id) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
         RETURNING id, garmin_profile_id, display_name, created_at`,
        [profile.profileId, profile.displayName || String(profile.profileId)],
      );
      await this.links.save(manager, user.id, {
        dialect: session.dialect,
        session,
        accessExpiresAt: accessExpiresAt(session),
        refreshExpiresAt: refreshExpiresAt(session),
        ...(emailHash && { signInEmailHash: emailHash }),
      });
      if (emailHash) await this.cooldowns.clear(manager, emailHash);
      const issued = await this.tokens.openSession(manager, user.id, { userAgent, mfa });
      return { ...issued, user: toUserView(user), garmin: { via } };
    });
  }
}
