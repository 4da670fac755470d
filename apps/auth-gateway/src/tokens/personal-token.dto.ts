import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { PersonalTokenRow } from '@fittrack/persistence';

export const MAX_EXPIRY_DAYS = 3650;

export class CreatePersonalTokenBody {
  @ApiProperty({ example: 'grafana', description: 'your label for it (1 to 100 characters)' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EXPIRY_DAYS, description: 'days it lives; without it, it lives until revoked' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_EXPIRY_DAYS)
  expiresInDays?: number;
}

/** A personal access token as listed: never the token, never its hash. */
export class PersonalTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: until revoked' }) expiresAt!: string | null;
  @ApiProperty({ description: 'past its expiry: refused, and still counted until revoked' }) expired!: boolean;
}

export class CreatedPersonalTokenDto extends PersonalTokenDto {
  @ApiProperty({ example: 'fgs_pat_…', description: 'shown this once, never again: send as Authorization: Bearer <token>' }) token!: string;
  @ApiProperty({ example: 'read', description: 'what it may do: read data (GET routes marked for it); anything else answers 403' }) scope!: string;
}

export function personalTokenDto(row: PersonalTokenRow): PersonalTokenDto {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expired: row.expiresAt !== null && row.expiresAt.getTime() <= Date.now(),
  };
}
