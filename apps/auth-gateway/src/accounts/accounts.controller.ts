import { Controller, Delete, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { UserDeletedView } from '@fittrack/contracts';
import { SessionCaller } from '../tokens/api-tokens.service';
import { CurrentSession } from '../tokens/bearer.guard';
import { AccountDeletionService } from './account-deletion.service';
import { AccountOwnerGuard } from './account-owner.guard';

export class UserDeletedDto implements UserDeletedView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) deletedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { activities: 42, daily_health: 900, sync_jobs: 3, user_sessions: 1, users: 1 },
    description: 'rows removed per table (0 where there were none)',
  })
  removed!: Record<string, number>;
}

@ApiTags('account')
@ApiBearerAuth()
@UseGuards(AccountOwnerGuard)
@Controller('v1/me')
export class AccountsController {
  constructor(private readonly deletion: AccountDeletionService) {}

  @Delete()
  @ApiOperation({
    summary:
      'Delete your account and all its data: synced data, Garmin tokens, sessions, personal access tokens, jobs; answers what was removed per table. ' +
      'A running sync stops. Publishes garmin.events.user.deleted. Signing in with Garmin again makes a new, empty account.',
  })
  @ApiOkResponse({ type: UserDeletedDto })
  @ApiForbiddenResponse({ description: 'PERSONAL_TOKEN_READ_ONLY: a personal access token cannot delete the account' })
  @ApiNotFoundResponse({ description: 'ACCOUNT_NOT_FOUND: no account behind this token (already deleted: its tokens went with it)' })
  remove(@CurrentSession() caller: SessionCaller): Promise<UserDeletedView> {
    return this.deletion.delete(caller.userId, 'user');
  }
}
