import { ConfigValidationError, loadConfig, startService } from '@fittrack/app-core';
import { connectRpcServer, rpcServerOptions } from '@fittrack/messaging';
import { AppModule, SERVICE_NAME } from './app.module';
import { WorkerConfig } from './config/worker.config';

async function bootstrap(): Promise<void> {
  const config = loadConfig(SERVICE_NAME, WorkerConfig);
  await startService({
    name: SERVICE_NAME,
    config,
    module: AppModule.forRoot(config),
    configure: (app) => connectRpcServer(app, rpcServerOptions(SERVICE_NAME, config)),
  });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
});
