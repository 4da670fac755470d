import { Injectable, Logger } from '@nestjs/common';
import { constantTimeEqualHex, PersonalTokenRow, PersonalTokenStore, sha256Hex } from '@fittrack/persistence';
import { randomBytes } from 'node:crypto';
import { PersonalTokenCaller } from './api-tokens.service';
import { PersonalTokenError } from './personal-token.errors';
import { TokenError } from './token.errors';

/** How many personal access tokens a user may hold at once. */
export const PERSONAL_TOKENS_PER_USER = 20;

/** Recognisable by secret scanners, and apart from our session tokens (fgs_at_, fgs_rt_). */
export const PERSONAL_TOKEN_PREFIX = 'fgs_pat_';
// 32 random bytes (256 bits) in base64url is 43 characters.
const TOKEN_SHAPE = /^fgs_pat_[A-Za-z0-9_-]{43}$/;

/** A new token: the only time the token itself is seen. */
export interface CreatedPersonalToken {
  row: PersonalTokenRow;
  token: string;
}

/**
 * Long-lived bearer tokens a user makes for scripts, stored only as SHA-256 hashes. They read data and nothing
 * else (BearerGuard lets them in only on @ReadScope() routes); revoked ones are deleted, expired ones refused.
 */
@Injectable()
export class PersonalTokensService {
  private readonly logger = new Logger(PersonalTokensService.name);

  constructor(private readonly store: PersonalTokenStore) {}

  static isPersonalToken(token: string): boolean {
    return token.startsWith(PERSONAL_TOKEN_PREFIX);
  }

  async create(userId: string, name: string, expiresInDays: number | undefined): Promise<CreatedPersonalToken> {
    const token = `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.store.create(
      { userId, name, tokenHash: sha256Hex(token), expiresInSeconds: expiresInDays === undefined ? null : expiresInDays * 86_400 },
      PERSONAL_TOKENS_PER_USER,
    );
    if (!row) throw PersonalTokenError.tooMany(PERSONAL_TOKENS_PER_USER);
    this.logger.log(`user ${userId} made personal access token ${row.id}`);
    return { row, token };
  }

  list(userId: string): Promise<PersonalTokenRow[]> {
    return this.store.list(userId);
  }

  async get(userId: string, tokenId: string): Promise<PersonalTokenRow> {
    const row = await this.store.find(userId, tokenId);
    if (!row) throw PersonalTokenError.notFound();
    return row;
  }

  async revoke(userId: string, tokenId: string): Promise<void> {
    if (!(await this.store.revoke(userId, tokenId))) throw PersonalTokenError.notFound();
    this.logger.log(`user ${userId} revoked personal access token ${tokenId}`);
  }

  /** The caller behind a live personal access token, or 401 (unknown, revoked and expired alike). */
  async authenticate(token: string): Promise<PersonalTokenCaller> {
    if (!TOKEN_SHAPE.test(token)) throw TokenError.invalidToken('personal');
    const hash = sha256Hex(token);
    const owner = await this.store.owner(hash);
    if (!owner || !constantTimeEqualHex(owner.tokenHash, hash)) throw TokenError.invalidToken('personal');
    return { userId: owner.userId, personalTokenId: owner.tokenId };
  }
}
