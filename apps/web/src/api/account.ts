import type { UserDeletedView } from '@fittrack/contracts';
import { api } from './client';

/** One of the caller's signed-in clients (GET /v1/auth/sessions). */
export interface SignedInSession {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  /** The session of this very browser. */
  current: boolean;
}

export const listSessions = () => api<SignedInSession[]>('GET', '/v1/auth/sessions');

export const signOutSession = (id: string) => api<void>('DELETE', `/v1/auth/sessions/${encodeURIComponent(id)}`);

/** Forgets the Garmin tokens (idempotent): the user and their data stay, and signing in again re-links the same user. */
export const unlinkGarmin = () => api<void>('DELETE', '/v1/garmin/link');

/** Deletes the account and all its data, this session included. */
export const deleteAccount = () => api<UserDeletedView>('DELETE', '/v1/me');
