import { ConfigValidationError, loadConfig, startService } from '@fittrack/app-core';
import { connectRpcServer, rpcServerOptions } from '@fittrack/messaging';
import { Logger } from 'nestjs-pino';
import { AppModule, SERVICE_NAME } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { registerBareJobRoute } from './bench/bare-job.route';
import { registerBareReadRoutes } from './bench/bare-read.routes';
import { serveApiDocs } from './docs/openapi';
import { serveCacheable } from './http/http-caching';
import { serveWebApp } from './web/web-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig(SERVICE_NAME, GatewayConfig);
  let webApp: string | undefined;
  const service = await startService({
    name: SERVICE_NAME,
    config,
    module: AppModule.forRoot(config),
    bodyLimit: config.HTTP_BODY_LIMIT,
    configure: async (app) => {
      await serveCacheable(app);
      connectRpcServer(app, rpcServerOptions(SERVICE_NAME, config));
      if (config.docsEnabled) serveApiDocs(app);
      webApp = await serveWebApp(app, config.WEB_APP_DIR);
      if (config.BENCH_BARE_ROUTE && config.NODE_ENV !== 'production') {
        registerBareJobRoute(app);
        registerBareReadRoutes(app);
      }
    },
  });
  const logger = service.get(Logger);
  if (webApp) logger.log(`the web app is at http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/ (from ${webApp})`);
  else logger.warn(`no web app at ${config.WEB_APP_DIR} (build it with: npx nx build web); serving the API only`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : String(error)}\n`);
  process.exit(1);
});
