import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ActivityReadStore } from '@fittrack/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { LinkStatusService } from '../garmin-link/link-status.service';
import { ReadScope } from '../tokens';
import { ApiTokensService, Caller, isSessionCaller, SessionCaller } from '../tokens/api-tokens.service';
import { BearerGuard, CurrentCaller, CurrentSession } from '../tokens/bearer.guard';
import { BrowserCookie, clearSessionCookies, cookiesOf } from '../tokens/browser-session';
import { BrowserSessionInterceptor, RefreshFromCookie } from '../tokens/browser-session.interceptor';
import { personalTokenDto } from '../tokens/personal-token.dto';
import { PersonalTokensService } from '../tokens/personal-tokens.service';
import { ImportRequest, LoginRequest, MfaRequest, RefreshRequest } from './dto/sign-in.requests';
import { MeResponse, MfaChallengeResponse, SignInRefusedResponse, SignInResponse, TokenResponse } from './dto/sign-in.responses';
import { SessionsService } from './sessions.service';
import { ClientInfo, SignInService } from './sign-in.service';
import { TokenImportService } from './token-import.service';

const THROTTLED =
  'too many attempts from this client or for this email (LIMIT_TOO_MANY_ATTEMPTS); Garmin throttled every way of signing in (GARMIN_RATE_LIMITED); ' +
  'or the account is cooling down after that (AUTH_SIGN_IN_COOLING_DOWN, nothing was sent to Garmin). Retry-After says when; the message says why';

const clientOf = (request: FastifyRequest): ClientInfo => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

/** The browser transport, on every route that hands out a session's tokens. */
const COOKIE_TRANSPORT = {
  name: 'X-Session-Transport',
  required: false,
  description:
    '`cookie`: the tokens go into httpOnly SameSite=Strict cookies (ft_access, ft_refresh) instead of the body, which carries tokenType "Cookie" ' +
    'and the csrfToken (also in the readable ft_csrf cookie) that every cookie-authenticated request changing anything must send as X-CSRF-Token',
};

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  private readonly activities = new ActivityReadStore();

  constructor(
    private readonly signIns: SignInService,
    private readonly imports: TokenImportService,
    private readonly tokens: ApiTokensService,
    private readonly sessions: SessionsService,
    private readonly links: LinkStatusService,
    private readonly personalTokens: PersonalTokensService,
    private readonly config: GatewayConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('login')
  @UseInterceptors(BrowserSessionInterceptor)
  @ApiHeader(COOKIE_TRANSPORT)
  @HttpCode(200)
  @ApiOperation({
    summary: "Sign in with Garmin credentials through the sign-in chain (today's reference client's strategies); links the account, or asks for the MFA code",
  })
  @ApiOkResponse({ type: SignInResponse, description: 'signed in and linked; garmin.via names the strategy that got in' })
  @ApiAcceptedResponse({ type: MfaChallengeResponse, description: 'Garmin sent an MFA code: finish with POST /v1/auth/mfa' })
  @ApiUnauthorizedResponse({ description: 'wrong email or password, GARMIN_INVALID_CREDENTIALS (the same answer for an unknown email)' })
  @ApiForbiddenResponse({
    type: SignInRefusedResponse,
    description: "GARMIN_EDGE_REFUSED: Garmin's bot protection refused every strategy before judging the password; the account cools down (Retry-After)",
  })
  @ApiConflictResponse({ description: 'another sign-in for this Garmin account is still under way (AUTH_SIGN_IN_IN_PROGRESS): nothing was sent to Garmin' })
  @ApiTooManyRequestsResponse({ type: SignInRefusedResponse, description: THROTTLED })
  @ApiServiceUnavailableResponse({ description: 'Garmin is unavailable (GARMIN_UNAVAILABLE): a network failure or a 5xx' })
  async login(
    @Body() body: LoginRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResponse | MfaChallengeResponse> {
    const result = await this.signIns.signIn(body.email, body.password, clientOf(request));
    if (result.kind === 'signed_in') return result.linked;
    void reply.status(202);
    const { challengeId, method, expiresAt } = result.challenge;
    return { status: 'mfa_required', challengeId, method, expiresAt: expiresAt.toISOString() };
  }

  @Post('mfa')
  @UseInterceptors(BrowserSessionInterceptor)
  @ApiHeader(COOKIE_TRANSPORT)
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish a sign-in with the MFA code; any gateway replica can take it, whatever strategy started it' })
  @ApiOkResponse({ type: SignInResponse })
  @ApiUnauthorizedResponse({ description: 'Garmin did not accept the code (AUTH_INVALID_MFA_CODE); the body says how many attempts are left' })
  @ApiGoneResponse({ description: 'the challenge expired (AUTH_MFA_CHALLENGE_EXPIRED), was used up or is unknown (AUTH_MFA_CHALLENGE_OVER): sign in again' })
  @ApiForbiddenResponse({ type: SignInRefusedResponse, description: "GARMIN_EDGE_REFUSED: Garmin's bot protection refused the verification; the account cools down" })
  @ApiTooManyRequestsResponse({ description: 'too many MFA attempts from this address, or the account is cooling down; see Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'Garmin is unavailable; the attempt is not counted' })
  mfa(@Body() body: MfaRequest, @Req() request: FastifyRequest): Promise<SignInResponse> {
    return this.signIns.completeMfa(body.challengeId, body.code, clientOf(request));
  }

  @Post('import')
  @UseInterceptors(BrowserSessionInterceptor)
  @ApiHeader(COOKIE_TRANSPORT)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link a Garmin account without a password, from the tokens the user already has',
    description:
      "The body's `tokens` is the text of python-garminconnect's garmin_tokens.json (or its base64), garth's dumps() string, " +
      "or a JSON object holding garth's oauth1_token.json and oauth2_token.json. The token is checked against Garmin's " +
      'socialProfile (and refreshed if it has expired) before anything is stored. Same abuse limits as POST /v1/auth/login.',
  })
  @ApiOkResponse({ type: SignInResponse, description: 'linked; garmin.via is "import"' })
  @ApiBadRequestResponse({ description: 'not a token file we know (GARMIN_BAD_TOKEN_FILE): the message names the field, never a value' })
  @ApiUnauthorizedResponse({ description: 'Garmin does not accept the token (GARMIN_SESSION_REJECTED): dead, foreign, not active, or expired and not refreshable' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this client or for this Garmin profile, or Garmin throttled the check; see Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'Garmin is unavailable (GARMIN_UNAVAILABLE)' })
  import(@Body() body: ImportRequest, @Req() request: FastifyRequest): Promise<SignInResponse> {
    return this.imports.import(body.tokens, clientOf(request));
  }

  @Post('refresh')
  @UseInterceptors(BrowserSessionInterceptor)
  @RefreshFromCookie()
  @ApiHeader(COOKIE_TRANSPORT)
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
  async logout(@CurrentSession() caller: SessionCaller, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.tokens.revoke(caller.sessionId, caller.userId);
    if (cookiesOf(request)[BrowserCookie.Access]) clearSessionCookies(request, reply);
  }

  @Get('me')
  @UseGuards(BearerGuard)
  @ReadScope()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, their Garmin link and its health, and this session (or this personal access token)' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentCaller() caller: Caller): Promise<MeResponse> {
    const timeZone = () => this.activities.garminTimeZone(this.dataSource.manager, caller.userId);
    if (isSessionCaller(caller)) {
      const [status, session, zone] = await Promise.all([this.links.status(caller.userId), this.sessions.get(caller, caller.sessionId), timeZone()]);
      return { ...status, session, personalToken: null, operator: this.config.operatorProfileIds.has(status.user.garminProfileId), timeZone: zone };
    }
    const [status, token, zone] = await Promise.all([this.links.status(caller.userId), this.personalTokens.get(caller.userId, caller.personalTokenId), timeZone()]);
    return { ...status, session: null, personalToken: personalTokenDto(token), operator: false, timeZone: zone };
  }
}
