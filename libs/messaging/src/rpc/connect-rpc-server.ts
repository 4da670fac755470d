import { INestApplication } from '@nestjs/common';
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
