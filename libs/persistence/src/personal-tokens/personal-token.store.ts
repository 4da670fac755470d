import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** A personal access token as its user sees it: never the token, never its hash. */
export interface PersonalTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** A new token of a user: its hash, and when it ends (null: when revoked). */
export interface NewPersonalToken {
  userId: string;
  name: string;
  tokenHash: string;
  expiresInSeconds: number | null;
}

/** The owner of a live personal access token (the hash is returned for the constant-time check). */
export interface PersonalTokenOwner {
  userId: string;
  tokenId: string;
  tokenHash: string;
}

/** How stale last_used_at may be: it is written at most this often per token, as for API access tokens. */
const LAST_USED_RESOLUTION = '1 minute';
const COLUMNS = `id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt"`;

/**
 * Personal access tokens (personal_access_tokens), seen here only as SHA-256 hashes. A revoked token's row is
 * deleted: there is nothing left to present it against.
 */
export class PersonalTokenStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts a token unless the user already has `limit` of them (expired ones count until revoked); the user's
   * row is locked for the count, so two creations at once cannot both take the last place. The row, or
   * undefined when the user is at the limit.
   */
  async create(token: NewPersonalToken, limit: number): Promise<PersonalTokenRow | undefined> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [token.userId]);
      const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM personal_access_tokens WHERE user_id = $1`, [token.userId]);
      if (n >= limit) return undefined;
      const [row]: PersonalTokenRow[] = await tx.query(
        `INSERT INTO personal_access_tokens (user_id, name, token_hash, expires_at)
         VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() + make_interval(secs => $4::int) END)
         RETURNING ${COLUMNS}`,
        [token.userId, token.name, token.tokenHash, token.expiresInSeconds],
      );
      return row;
    });
  }

  /** The user's tokens, newest first, expired ones included (so they can be seen and revoked). */
  async list(userId: string): Promise<PersonalTokenRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM personal_access_tokens WHERE user_id = $1 ORDER BY created_at DESC, id`, [userId]);
  }

  /** One token of the user. */
  async find(userId: string, tokenId: string): Promise<PersonalTokenRow | undefined> {
    const [row]: PersonalTokenRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM personal_access_tokens WHERE user_id = $1 AND id = $2`, [
      userId,
      tokenId,
    ]);
    return row;
  }

  /** Revokes (deletes) one token of the user; false when the user has no such token. */
  async revoke(userId: string, tokenId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(`DELETE FROM personal_access_tokens WHERE user_id = $1 AND id = $2`, [userId, tokenId]);
    return affected > 0;
  }

  /**
   * The owner of a live (unexpired) token, stamping last_used_at at most once a minute in the same round trip;
   * a named statement on the driver's pool, since a script may call often (ApiSessionStore.accessTokenOwner).
   */
  async owner(tokenHash: string): Promise<PersonalTokenOwner | undefined> {
    const { rows } = await this.pool().query<{ id: string; user_id: string; token_hash: string }>({
      name: 'fittrack-authenticate-personal-token',
      text: `WITH caller AS (
               SELECT id, user_id, token_hash FROM personal_access_tokens
                WHERE token_hash = $1 AND (expires_at IS NULL OR expires_at > now())),
             stamped AS (
               UPDATE personal_access_tokens t SET last_used_at = now() FROM caller
                WHERE t.id = caller.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '${LAST_USED_RESOLUTION}'))
             SELECT id, user_id, token_hash FROM caller`,
      values: [tokenHash],
    });
    const [row] = rows;
    return row && { userId: row.user_id, tokenId: row.id, tokenHash: row.token_hash };
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
