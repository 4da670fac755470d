import { ApiProperty } from '@nestjs/swagger';
import { AuthImportRequest, TOKEN_FILE_MAX_LENGTH } from '@fittrack/contracts';
import { IsEmail, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'runner@example.com', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  /** Sent to Garmin once, never stored or logged. */
  @ApiProperty({ format: 'password', minLength: 1, maxLength: 256 })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class MfaRequest {
  @ApiProperty({ format: 'uuid', description: 'from the 202 answer of POST /v1/auth/login' })
  @IsUUID('4', { message: 'challengeId must be the id the login answer gave' })
  challengeId!: string;

  @ApiProperty({ example: '123456', pattern: '^\\d{6}$' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits Garmin sent' })
  code!: string;
}

export class RefreshRequest {
  @ApiProperty({ description: 'the refresh token of the last sign-in or refresh' })
  @IsString()
  @Length(1, 128)
  refreshToken!: string;
}

/** POST /v1/auth/import: the validation is the contract's (shared with garmin.rpc.auth.import). */
export class ImportRequest extends AuthImportRequest {}
ApiProperty({
  maxLength: TOKEN_FILE_MAX_LENGTH,
  description:
    "the text of a token file: python-garminconnect's garmin_tokens.json (or its base64), garth's dumps() string, " +
    'or a JSON object holding garth\'s oauth1_token.json and oauth2_token.json',
  example: '{"di_token": "eyJ…", "di_refresh_token": "eyJ…", "di_client_id": "GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2"}',
})(ImportRequest.prototype, 'tokens');
