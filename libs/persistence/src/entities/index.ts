import { AuthenticationToken } from './authentication-token.entity';
import { GarminAuthenticationState } from './garmin-authentication-state.entity';
import { SyncJob } from './sync-job.entity';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';

export { AuthenticationToken, GarminAuthenticationState, SyncJob, User, UserSession };

export const ENTITIES = [User, UserSession, AuthenticationToken, GarminAuthenticationState, SyncJob];
