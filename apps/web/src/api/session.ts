import type { UserStatusView, UserView } from '@fittrack/contracts';
import { api } from './client';

/** GET /v1/auth/me, as the web app uses it. */
export type Me = UserStatusView & {
  session: { id: string; createdAt: string; expiresAt: string } | null;
  /** Whether this account may open the operator console (OPERATOR_GARMIN_PROFILE_IDS). */
  operator: boolean;
  /** The user's Garmin time zone (their newest synced activity's), null before any. */
  timeZone: string | null;
};

/** What a sign-in answers with the cookie transport: the user, and the CSRF token the cookies came with. */
export interface CookieSignIn {
  tokenType: 'Cookie';
  csrfToken: string;
  user: UserView;
  garmin: { via: string };
}

export interface MfaChallenge {
  status: 'mfa_required';
  challengeId: string;
  method: string;
  expiresAt: string;
}

export type SignInAnswer = CookieSignIn | MfaChallenge;

export const isMfaChallenge = (answer: SignInAnswer): answer is MfaChallenge => 'status' in answer && answer.status === 'mfa_required';

export const signIn = (email: string, password: string) => api<SignInAnswer>('POST', '/v1/auth/login', { body: { email, password }, cookieSession: true });

export const finishMfa = (challengeId: string, code: string) => api<CookieSignIn>('POST', '/v1/auth/mfa', { body: { challengeId, code }, cookieSession: true });

export const importTokens = (tokens: string) => api<CookieSignIn>('POST', '/v1/auth/import', { body: { tokens }, cookieSession: true });

export const me = () => api<Me>('GET', '/v1/auth/me');

export const signOut = () => api<void>('POST', '/v1/auth/logout');
