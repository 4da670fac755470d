import { INestApplication } from '@nestjs/common';
import type { ServiceConfig } from '@fittrack/app-core';
import { RpcServer, RpcServerOptions } from './rpc-server';

/**
 * Attaches the RPC server to an app. Validation and error translation are
 * applied per handler by @RpcHandler: a hybrid app's microservice is already
 * initialised here, so global pipes and filters would not reach it, and the
 * HTTP edge's filter cannot answer a NATS request anyway.
 */
export function connectRpcServer(app: INestApplication, options: RpcServerOptions): void {
  app.connectMicroservice({ strategy: new RpcServer(options) }, { inheritAppConfig: false });
}

/** A service's RPC server: its replicas share one queue group, so each request is answered once. */
export function rpcServerOptions(
  service: string,
  config: Pick<ServiceConfig, 'NATS_URL' | 'NATS_SUBJECT_PREFIX' | 'natsAuth'>,
): RpcServerOptions {
  return {
    servers: config.NATS_URL,
    name: `${service}-rpc`,
    subjectPrefix: config.NATS_SUBJECT_PREFIX,
    queue: service,
    auth: config.natsAuth,
  };
}
