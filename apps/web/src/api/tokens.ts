import { api } from './client';

/** A personal access token as listed (README, "Personal access tokens and deleting an account"): never the token itself. */
export interface PersonalToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** null: it lives until revoked. */
  expiresAt: string | null;
  expired: boolean;
}

/** What POST /v1/auth/tokens answers, the only time the token is ever sent. */
export interface CreatedPersonalToken extends PersonalToken {
  token: string;
  scope: string;
}

export const listTokens = () => api<PersonalToken[]>('GET', '/v1/auth/tokens');

export const createToken = (name: string, expiresInDays?: number) =>
  api<CreatedPersonalToken>('POST', '/v1/auth/tokens', { body: { name, ...(expiresInDays !== undefined && { expiresInDays }) } });

export const revokeToken = (id: string) => api<void>('DELETE', `/v1/auth/tokens/${encodeURIComponent(id)}`);
