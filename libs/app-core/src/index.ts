export * from './bootstrap/start-service';
export * from './bootstrap/startup-failure';
export * from './config';
export * from './errors/domain-error';
export * from './health/health.module';
export * from './health/readiness-check';
export * from './http/http-exception.filter';
export * from './logging/logging.module';
