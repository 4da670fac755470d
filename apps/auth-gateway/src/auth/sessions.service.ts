import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '../tokens/api-tokens.service';
import { TokenError } from '../tokens/token.errors';
import { SessionDto } from './dto/sign-in.responses';

interface SessionRow {
  id: string;
  user_agent: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date;
}

const LIVE = `user_id = $1 AND revoked_at IS NULL AND expires_at > now()`;

/** A user's signed-in clients. Only ever the caller's own: another user's session is "not found". */
@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(caller: Caller): Promise<SessionDto[]> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT id, user_agent, created_at, last_used_at, expires_at FROM user_sessions WHERE ${LIVE} ORDER BY created_at DESC LIMIT 100`,
      [caller.userId],
    );
    return rows.map((row) => toDto(row, caller));
  }

  async get(caller: Caller, sessionId: string): Promise<SessionDto> {
    const [row]: SessionRow[] = await this.dataSource.query(
      `SELECT id, user_agent, created_at, last_used_at, expires_at FROM user_sessions WHERE ${LIVE} AND id = $2`,
      [caller.userId, sessionId],
    );
    if (!row) throw TokenError.sessionNotFound();
    return toDto(row, caller);
  }
}

function toDto(row: SessionRow, caller: Caller): SessionDto {
  return {
    id: row.id,
    userAgent: row.user_agent,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at.toISOString(),
    current: row.id === caller.sessionId,
  };
}
