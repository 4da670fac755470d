import { AuthenticationToken } from './authentication-token.entity';
import { GarminAuthenticationState } from './garmin-authentication-state.entity';
import { PendingSignIn } from './pending-sign-in.entity';
import { RateLimitCounter } from './rate-limit-counter.entity';
import { RotatedRefreshToken } from './rotated-refresh-token.entity';
import { SyncJob } from './sync-job.entity';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';

export { AuthenticationToken, GarminAuthenticationState, PendingSignIn, RateLimitCounter, RotatedRefreshToken, SyncJob, User, UserSession };

export const ENTITIES = [
  User,
  UserSession,
  AuthenticationToken,
  RotatedRefreshToken,
  GarminAuthenticationState,
  PendingSignIn,
  RateLimitCounter,
  SyncJob,
];
