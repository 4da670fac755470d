export * from './data-kinds';
export * from './garmin-session-health';
export * from './sync-job-status';
export * from './sync-type';
export * from './selection';
export * from './activity-export-format';
export * from './health-parts';
