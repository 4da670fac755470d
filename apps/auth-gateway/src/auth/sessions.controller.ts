import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTokensService, Caller, SessionCaller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller, CurrentSession } from '../tokens/bearer.guard';
import { TokenError } from '../tokens/token.errors';
import { SessionDto } from './dto/sign-in.responses';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@Controller('v1/auth/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: ApiTokensService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's live sessions (signed-in clients), newest first" })
  @ApiOkResponse({ type: SessionDto, isArray: true })
  list(@CurrentSession() caller: SessionCaller): Promise<SessionDto[]> {
    return this.sessions.list(caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s sessions' })
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse({ description: 'no such session of the caller (another user’s is not found either)' })
  get(@CurrentSession() caller: SessionCaller, @Param('id', new ParseUUIDPipe()) id: string): Promise<SessionDto> {
    return this.sessions.get(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign one of the caller’s clients out (a lost phone, an old laptop)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'no such live session of the caller' })
  async revoke(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.tokens.revoke(id, caller.userId))) throw TokenError.sessionNotFound();
  }
}
