import { ApiProperty } from '@nestjs/swagger';
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
