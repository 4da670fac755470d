import { ApiProperty } from '@nestjs/swagger';
import { GarminLinkView, GARMIN_SESSION_HEALTHS, GarminSessionHealth, UserView } from '@fittrack/contracts';

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
  @ApiProperty({ type: SessionDto }) session!: SessionDto;
}
