import { ApiError } from '../api/client';
import { formatTime } from '../ui/dates';

/** What the sign-in page says about a refused step, and what it lets the person do next. */
export interface SignInProblem {
  message: string;
  /** The moment a new try makes sense, when the gateway said (a cooldown's end, a Retry-After). */
  retryAt: Date | null;
  /** The MFA challenge is over (expired, used up): back to the password. */
  restart: boolean;
}

/**
 * The gateway's message is already a sentence for people (README, "Signing in to Garmin today"); this adds what a
 * page can add: the local time to try again at, the attempts left for a code, and whether to start over.
 */
export function signInProblem(error: unknown, now = new Date()): SignInProblem {
  if (!(error instanceof ApiError)) return { message: 'Something went wrong. Please try again.', retryAt: null, restart: false };
  const cooldownUntil = typeof error.body['cooldownUntil'] === 'string' ? new Date(error.body['cooldownUntil']) : null;
  const retryAt = cooldownUntil ?? (error.retryAfterSeconds !== null ? new Date(now.getTime() + error.retryAfterSeconds * 1000) : null);
  let message = error.message;
  if (error.code === 'AUTH_INVALID_MFA_CODE' && typeof error.body['attemptsLeft'] === 'number') {
    const left = error.body['attemptsLeft'];
    message = `That code was not accepted. ${left === 1 ? '1 attempt is' : `${left} attempts are`} left.`;
  }
  if (retryAt) message = `${message.replace(/\.?$/, '.')} Try again at ${formatTime(retryAt)}.`;
  return { message, retryAt, restart: error.status === 410 };
}
