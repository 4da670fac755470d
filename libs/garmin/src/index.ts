export * from './auth/garmin-authenticator';
export * from './config';
export * from './errors';
export * from './http/send';
export * from './session/garmin-session';
export * from './session/garth-format';
