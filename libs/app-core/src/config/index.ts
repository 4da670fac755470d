export * from './app-config.module';
export * from './local-hosts';
export * from './production-rules';
export * from './service-config';
export * from './validate-config';
