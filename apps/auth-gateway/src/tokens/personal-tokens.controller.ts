import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SessionCaller } from './api-tokens.service';
import { BearerGuard, CurrentSession } from './bearer.guard';
import { CreatedPersonalTokenDto, CreatePersonalTokenBody, PersonalTokenDto, personalTokenDto } from './personal-token.dto';
import { PERSONAL_TOKENS_PER_USER, PersonalTokensService } from './personal-tokens.service';

const NEEDS_SESSION = 'a personal access token cannot manage tokens: sign in (PERSONAL_TOKEN_READ_ONLY)';

/** Personal access tokens: made, listed and revoked by a signed-in user (never with a personal token itself). */
@ApiTags('auth')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@ApiForbiddenResponse({ description: NEEDS_SESSION })
@Controller('v1/auth/tokens')
export class PersonalTokensController {
  constructor(private readonly tokens: PersonalTokensService) {}

  @Post()
  @ApiOperation({ summary: 'Make a personal access token for scripts: read-only, long-lived; the token is in this answer only' })
  @ApiCreatedResponse({ type: CreatedPersonalTokenDto })
  @ApiBadRequestResponse({ description: `a blank or long name, a bad expiry, or PERSONAL_TOKEN_LIMIT: already ${PERSONAL_TOKENS_PER_USER} tokens (the body says the limit)` })
  async create(@CurrentSession() caller: SessionCaller, @Body() body: CreatePersonalTokenBody): Promise<CreatedPersonalTokenDto> {
    const { row, token } = await this.tokens.create(caller.userId, body.name.trim(), body.expiresInDays);
    return { ...personalTokenDto(row), token, scope: 'read' };
  }

  @Get()
  @ApiOperation({ summary: "The caller's personal access tokens, newest first (never the tokens themselves)" })
  @ApiOkResponse({ type: PersonalTokenDto, isArray: true })
  async list(@CurrentSession() caller: SessionCaller): Promise<PersonalTokenDto[]> {
    return (await this.tokens.list(caller.userId)).map(personalTokenDto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one: it stops working at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'no such token of the caller (another user’s is not found either)' })
  async revoke(@CurrentSession() caller: SessionCaller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.tokens.revoke(caller.userId, id);
  }
}
