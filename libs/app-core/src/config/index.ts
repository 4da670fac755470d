export * from './app-config.module';
export * from './service-config';
export * from './validate-config';
