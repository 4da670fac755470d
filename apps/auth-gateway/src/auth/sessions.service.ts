import { Injectable } from '@nestjs/common';
import { ApiSessionRow, ApiSessionStore } from '@fittrack/persistence';
import { SessionCaller } from '../tokens/api-tokens.service';
import { TokenError } from '../tokens/token.errors';
import { SessionDto } from './dto/sign-in.responses';

/** A user's signed-in clients. Only ever the caller's own: another user's session is "not found". */
@Injectable()
export class SessionsService {
  constructor(private readonly store: ApiSessionStore) {}

  async list(caller: SessionCaller): Promise<SessionDto[]> {
    const rows = await this.store.listLive(caller.userId);
    return rows.map((row) => toDto(row, caller));
  }

  async get(caller: SessionCaller, sessionId: string): Promise<SessionDto> {
    const row = await this.store.findLive(caller.userId, sessionId);
    if (!row) throw TokenError.sessionNotFound();
    return toDto(row, caller);
  }
}

function toDto(row: ApiSessionRow, caller: SessionCaller): SessionDto {
  return {
    id: row.id,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === caller.sessionId,
  };
}
