export * from './lib/free-port';
export * from './lib/service-process';
export * from './lib/tcp-proxy';
export * from './lib/test-database';
export * from './lib/test-namespace';
export * from './lib/garmin-simulator';
export * from './lib/platform-stack';
export * from './lib/nats-server';
