import { DynamicModule, INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from '../config/service-config';
import { HttpExceptionFilter } from '../http/http-exception.filter';
import { jsonProblem } from '../http/json-depth';
import { MetricsListener } from '../metrics/metrics-listener';
import { MetricsService } from '../metrics/metrics.service';
import { describeStartupFailure } from './startup-failure';

export interface ServiceDefinition<C extends ServiceConfig> {
  name: string;
  config: C;
  module: DynamicModule;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Hook for microservices and other app-specific wiring, before listening. */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/** The one global pipe of every app (../shared/STYLE.md habit 7). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
}

/**
 * Starts an app the same way everywhere: Fastify, pino logs, the global pipe and
 * filter, microservices, then the HTTP port; SIGTERM/SIGINT drain and exit 0.
 */
export async function startService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<INestApplication> {
  const { name, config } = definition;
  let app: NestFastifyApplication | undefined;
  let metrics: MetricsListener | undefined;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      definition.module,
      new FastifyAdapter({ bodyLimit: definition.bodyLimit ?? 64 * 1024, trustProxy: config.trustProxy }),
      { bufferLogs: true, abortOnError: false },
    );
    app.useLogger(app.get(Logger));
    countRequests(app);
    // Closed with the app, whether it drains on SIGTERM or fails to start.
    app.getHttpAdapter().getInstance().addHook('onClose', async () => metrics?.close());
    refuseDeepJson(app);
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    await definition.configure?.(app);
    await app.startAllMicroservices();
    if (config.METRICS_PORT > 0) metrics = await MetricsListener.start(app.get(MetricsService, { strict: false }), config.METRICS_HOST, config.METRICS_PORT);
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    process.stderr.write(`${name} failed to start: ${describeStartupFailure(error, config)}\n`);
    await app?.close().catch(() => undefined);
    await metrics?.close();
    process.exit(1);
  }
  installGracefulShutdown(app, name, config.SHUTDOWN_TIMEOUT_MS);
  app.get(Logger).log(`${name} listening on http://${config.HOST}:${config.PORT}`);
  app.get(Logger).log(metrics ? `${name} serves /metrics at ${metrics.url}/metrics` : `${name} serves no /metrics (METRICS_PORT=0)`);
  return app;
}

/** Every answered request of the API port into the metrics, by Fastify's route pattern (or "unmatched"). */
function countRequests(app: NestFastifyApplication): void {
  const metrics = app.get(MetricsService, { strict: false });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
}

/** A body nested deeper than any of ours, or with broken Unicode, is refused before validation sees it. */
function refuseDeepJson(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('preValidation', async (request, reply) => {
    const problem = jsonProblem(request.body);
    if (!problem) return;
    await reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `the JSON body ${problem}` });
  });
}

/**
 * Nest's own shutdown hooks re-raise the signal after closing, so the process
 * ends "killed by SIGTERM"; orchestrators expect a drained exit 0, hence this.
 */
export function installGracefulShutdown(app: INestApplication, name: string, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const logger = app.get(Logger);
    logger.log(`${name} received ${signal}, draining`);
    const timer = setTimeout(() => {
      process.stderr.write(`${name} did not drain within ${timeoutMs} ms, exiting\n`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name} failed while draining: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
