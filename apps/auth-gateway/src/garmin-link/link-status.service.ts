import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GarminLinkView, UserStatusView } from '@fittrack/contracts';
import { GarminLinkStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { toUserView, UserRow } from './user-view';
import { LinkError } from './link.errors';

interface StatusRow extends UserRow {
  health_status: GarminLinkView['health'];
  health_reason: string | null;
  access_expires_at: Date | null;
  refresh_expires_at: Date | null;
  cooldown_until: Date | null;
  linked_at: Date | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A user and the health of their Garmin link, as /v1/auth/me and garmin.rpc.user.status show it. */
@Injectable()
export class LinkStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: GarminLinkStore,
  ) {}

  async status(userId: string): Promise<UserStatusView> {
    const [row]: StatusRow[] = await this.dataSource.query(
      `SELECT u.id, u.garmin_profile_id, u.display_name, u.created_at,
              -- A sign-in cooldown that has run out leaves nothing wrong with the link.
              CASE WHEN g.health_status = 'cooling_down' AND (g.cooldown_until IS NULL OR g.cooldown_until <= now()) THEN 'active' ELSE g.health_status END AS health_status,
              CASE WHEN g.health_status = 'cooling_down' AND (g.cooldown_until IS NULL OR g.cooldown_until <= now()) THEN NULL ELSE g.health_reason END AS health_reason,
              g.access_expires_at, g.refresh_expires_at,
              CASE WHEN g.cooldown_until > now() THEN g.cooldown_until END AS cooldown_until,
              g.updated_at AS linked_at
         FROM users u LEFT JOIN garmin_authentication_states g ON g.user_id = u.id
        WHERE u.id = $1`,
      [userId],
    );
    if (!row) throw LinkError.userNotFound();
    const linked = row.health_status !== null;
    return {
      user: toUserView(row),
      garmin: {
        linked,
        health: row.health_status,
        reason: row.health_reason,
        accessExpiresAt: iso(row.access_expires_at),
        refreshExpiresAt: iso(row.refresh_expires_at),
        cooldownUntil: iso(row.cooldown_until),
        linkedAt: iso(row.linked_at),
      },
    };
  }

  /** Forgets the user's Garmin tokens (the platform user and their data stay). */
  async unlink(userId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.links.forget(manager, userId));
  }
}
