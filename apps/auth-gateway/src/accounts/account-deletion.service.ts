import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserDeletedView } from '@fittrack/contracts';
import { AccountDeletionStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../sync/outbox-relay';
import { AccountError } from './account.errors';

/** A deletion that lost a deadlock to a worker's write (which then finds no lease and stops) is simply run again. */
const ATTEMPTS = 3;
const DEADLOCK = '40P01';

/**
 * Deletes a user and all their data in one transaction (AccountDeletionStore): Garmin tokens, API sessions and
 * tokens, personal access tokens, jobs, cursors, selection, availability, archive queues and every synced row;
 * garmin.events.user.deleted goes to the outbox in the same transaction. A job of theirs still running on a
 * worker stops: its lease is gone, so its fenced writes are refused, and the foreign keys refuse the rest.
 */
@Injectable()
export class AccountDeletionService {
  private readonly logger = new Logger(AccountDeletionService.name);
  private readonly store = new AccountDeletionStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async delete(userId: string, by: 'user' | 'operator'): Promise<UserDeletedView> {
    for (let attempt = 1; ; attempt++) {
      try {
        const deleted = await this.dataSource.transaction((manager) => this.store.deleteUser(manager, userId));
        if (!deleted) throw AccountError.userNotFound(userId);
        this.relay.kick();
        const rows = Object.values(deleted.removed).reduce((sum, n) => sum + n, 0);
        this.logger.log(`user ${userId} deleted by ${by === 'user' ? 'themself' : 'an operator'}: ${rows} rows in ${Object.keys(deleted.removed).length} tables`);
        return deleted;
      } catch (error) {
        if (attempt >= ATTEMPTS || (error as { code?: string }).code !== DEADLOCK) throw error;
        this.logger.warn(`user ${userId}: deletion met a concurrent write (deadlock), trying again`);
      }
    }
  }
}
