import { ConfigValidationError, loadConfig, startService } from '@fittrack/app-core';
import { connectRpcServer, rpcServerOptions } from '@fittrack/messaging';
import { AppModule, SERVICE_NAME } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { registerBareJobRoute } from './bench/bare-job.route';
import { registerBareReadRoutes } from './bench/bare-read.routes';
import { serveApiDocs } from './docs/openapi';
import { serveCacheable } from './http/http-caching';

async function bootstrap(): Promise<void> {
  const config = loadConfig(SERVICE_NAME, GatewayConfig);
  await startService({
    name: SERVICE_NAME,
    config,
    module: AppModule.forRoot(config),
    bodyLimit: config.HTTP_BODY_LIMIT,
    configure: async (app) => {
      await serveCacheable(app);
      connectRpcServer(app, rpcServerOptions(SERVICE_NAME, config));
      if (config.docsEnabled) serveApiDocs(app);
      if (config.BENCH_BARE_ROUTE && config.NODE_ENV !== 'production') {
        registerBareJobRoute(app);
        registerBareReadRoutes(app);
      }
    },
  });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
});
