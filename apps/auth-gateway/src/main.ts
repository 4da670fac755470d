import { ConfigValidationError, loadConfig, startService } from '@fittrack/app-core';
import { AppModule, SERVICE_NAME } from './app.module';
import { GatewayConfig } from './config/gateway.config';

async function bootstrap(): Promise<void> {
  const config = loadConfig(SERVICE_NAME, GatewayConfig);
  await startService({ name: SERVICE_NAME, config, module: AppModule.forRoot(config), bodyLimit: config.HTTP_BODY_LIMIT });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
});
