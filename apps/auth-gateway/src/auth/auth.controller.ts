import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiGoneResponse,
  ApiResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LinkStatusService } from '../garmin-link/link-status.service';
import { ApiTokensService, Caller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller } from '../tokens/bearer.guard';
import { LoginRequest, MfaRequest, RefreshRequest } from './dto/sign-in.requests';
import { MeResponse, MfaChallengeResponse, TokenResponse } from './dto/sign-in.responses';
import { SessionsService } from './sessions.service';
import { ClientInfo, SignInService } from './sign-in.service';

const clientOf = (request: FastifyRequest): ClientInfo => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly signIns: SignInService,
    private readonly tokens: ApiTokensService,
    private readonly sessions: SessionsService,
    private readonly links: LinkStatusService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with Garmin credentials; links the account, or asks for the MFA code' })
  @ApiOkResponse({ type: TokenResponse, description: 'signed in and linked' })
  @ApiAcceptedResponse({ type: MfaChallengeResponse, description: 'Garmin sent an MFA code: finish with POST /v1/auth/mfa' })
  @ApiUnauthorizedResponse({ description: 'wrong email or password (the same answer for an unknown email)' })
  @ApiResponse({ status: 423, description: 'Garmin has locked the account' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts, Garmin rate limiting or a captcha; see Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'Garmin is unavailable' })
  async login(
    @Body() body: LoginRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse | MfaChallengeResponse> {
    const result = await this.signIns.signIn(body.email, body.password, clientOf(request));
    if (result.kind === 'signed_in') return result.linked;
    void reply.status(202);
    const { challengeId, method, expiresAt } = result.challenge;
    return { status: 'mfa_required', challengeId, method, expiresAt: expiresAt.toISOString() };
  }

  @Post('mfa')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish a sign-in with the MFA code; any gateway replica can take it' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'wrong code; the body says how many attempts are left' })
  @ApiGoneResponse({ description: 'the challenge expired, was used up or is unknown: sign in again' })
  @ApiTooManyRequestsResponse({ description: 'too many MFA attempts from this address; see Retry-After' })
  mfa(@Body() body: MfaRequest, @Req() request: FastifyRequest): Promise<TokenResponse> {
    return this.signIns.completeMfa(body.challengeId, body.code, clientOf(request));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'New tokens for a refresh token, which is rotated (reusing an old one revokes the session)' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'invalid, expired or reused refresh token: sign in again' })
  async refresh(@Body() body: RefreshRequest): Promise<TokenResponse> {
    const issued = await this.tokens.refresh(body.refreshToken);
    const { user } = await this.links.status(issued.userId);
    return { ...issued.tokens, user };
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(BearerGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Revoke the caller's session: its refresh and access tokens stop working" })
  @ApiNoContentResponse()
  async logout(@CurrentCaller() caller: Caller): Promise<void> {
    await this.tokens.revoke(caller.sessionId, caller.userId);
  }

  @Get('me')
  @UseGuards(BearerGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, their Garmin link and its health, and this session' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentCaller() caller: Caller): Promise<MeResponse> {
    const [status, session] = await Promise.all([this.links.status(caller.userId), this.sessions.get(caller, caller.sessionId)]);
    return { ...status, session };
  }
}
