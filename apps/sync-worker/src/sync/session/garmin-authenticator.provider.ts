import { Provider } from '@nestjs/common';
import { GarminAuthenticator } from '@fittrack/garmin';
import { WorkerConfig } from '../../config/worker.config';

/** What SessionKeeper needs of Garmin: a fresh session by the session's own means (the one seam its spec mocks). */
export type SessionRefresher = Pick<GarminAuthenticator, 'refresh'>;

/** The Nest token SessionKeeper's refresher is injected under. */
export const SESSION_REFRESHER = Symbol('SESSION_REFRESHER');

/** The real refresher: the Garmin library's authenticator, on the worker's Garmin hosts. */
export const sessionRefresherProvider: Provider = {
  provide: SESSION_REFRESHER,
  inject: [WorkerConfig],
  useFactory: (config: WorkerConfig): SessionRefresher => new GarminAuthenticator(config.garmin),
};
