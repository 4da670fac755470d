import { ApiProperty } from '@nestjs/swagger';
import { PersonalTokenDto } from '../../tokens/personal-token.dto';
import { GarminLinkView, GARMIN_SESSION_HEALTHS, GarminSessionHealth, GarminSignInView, SignedInView, UserView } from '@fittrack/contracts';

export class UserDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "Garmin's profile id of the linked account" }) garminProfileId!: number;
  @ApiProperty() displayName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TokenResponse {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken!: string;
  @ApiProperty({ description: 'rotates on every use; a used one revokes its session if presented again' }) refreshToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'seconds the access token lives' }) expiresIn!: number;
  @ApiProperty({ example: 'profile sync' }) scope!: string;
  @ApiProperty({ type: UserDto }) user!: UserDto;
}

export class GarminSignInDto implements GarminSignInView {
  @ApiProperty({
    example: 'mobile-impit',
    description: 'the way in that linked the account: a sign-in strategy (mobile-impit, mobile-fetch, widget, portal-impit, portal-fetch) or import',
  })
  via!: string;
}

/** What a sign-in, its MFA step, or a token import answers. */
export class SignInResponse extends TokenResponse implements SignedInView {
  @ApiProperty({ type: GarminSignInDto }) garmin!: GarminSignInDto;
}

/** The body of a refused or cooling-down sign-in (403 GARMIN_EDGE_REFUSED, 429 GARMIN_RATE_LIMITED or AUTH_SIGN_IN_COOLING_DOWN). */
export class SignInRefusedResponse {
  @ApiProperty() statusCode!: number;
  @ApiProperty() error!: string;
  @ApiProperty({ example: 'Garmin is refusing sign-ins for this account from us (throttled); to avoid making it worse we will not try again before 14:05 UTC (in 2 h)' })
  message!: string;
  @ApiProperty({ enum: ['GARMIN_EDGE_REFUSED', 'GARMIN_RATE_LIMITED', 'AUTH_SIGN_IN_COOLING_DOWN'] }) code!: string;
  @ApiProperty({ format: 'date-time', description: 'no sign-in for this account is sent to Garmin before then' }) cooldownUntil!: string;
}

export class MfaChallengeResponse {
  @ApiProperty({ enum: ['mfa_required'] }) status!: 'mfa_required';
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty({ example: 'email', description: 'how Garmin sent the code' }) method!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class GarminLinkDto implements GarminLinkView {
  @ApiProperty() linked!: boolean;
  @ApiProperty({ enum: GARMIN_SESSION_HEALTHS, nullable: true }) health!: GarminSessionHealth | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) accessExpiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) refreshExpiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cooldownUntil!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) linkedAt!: string | null;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) userAgent!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'the session of the token making this request' }) current!: boolean;
}

export class MeResponse {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({ type: GarminLinkDto }) garmin!: GarminLinkDto;
  @ApiProperty({ type: SessionDto, nullable: true, description: 'null when the request came with a personal access token' }) session!: SessionDto | null;
  @ApiProperty({ type: PersonalTokenDto, nullable: true, description: 'the personal access token of this request, if it came with one' })
  personalToken!: PersonalTokenDto | null;
  @ApiProperty({ description: 'whether this session may use the operator routes (/v1/admin/*, OPERATOR_GARMIN_PROFILE_IDS); never for a personal access token' })
  operator!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Berlin', description: "the user's Garmin time zone: that of their newest synced activity (Garmin's timeZoneUnitDTO); null before any" })
  timeZone!: string | null;
}
