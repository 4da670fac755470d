import { Logger } from '@nestjs/common';
import { NatsContext, ServerNats } from '@nestjs/microservices';
import { jsonProblem, type NatsAuth } from '@fittrack/app-core';
import { RpcEnvelope, RpcErrorCode } from '@fittrack/contracts';
import { lastValueFrom } from 'rxjs';
import type { Msg } from 'nats';
import { prefixSubject } from '../connection/subject-namer';
import { callerIdentity, describeCaller } from './caller-identity';
import { toRpcErrorBody } from './rpc-error';

export interface RpcServerOptions {
  servers: string;
  name: string;
  subjectPrefix: string;
  /** Queue group: one replica of the service answers each request. */
  queue: string;
  auth?: NatsAuth;
}

/**
 * Nest's NATS transport with our wire contract: requests are the bare JSON
 * payload, answers are always an RpcEnvelope, subjects carry the deployment's
 * prefix, and nothing a caller sends (bad JSON, no reply subject, a throwing
 * handler) can reject a promise nobody awaits and so crash the process.
 * Each request is logged with its caller's NATS account and user (caller-identity.ts).
 */
export class RpcServer extends ServerNats {
  private readonly rpcLogger = new Logger(RpcServer.name);

  constructor(private readonly rpcOptions: RpcServerOptions) {
    super({ servers: rpcOptions.servers.split(','), name: rpcOptions.name, queue: rpcOptions.queue, ...rpcOptions.auth });
  }

  override addHandler(...[pattern, ...rest]: Parameters<ServerNats['addHandler']>): void {
    super.addHandler(prefixSubject(this.rpcOptions.subjectPrefix, String(pattern)), ...rest);
  }

  override async handleMessage(channel: string, message: Msg): Promise<void> {
    if (!message.reply) return; // request/reply only: a message nobody awaits gets no work
    // Every call says who made it, as the NATS server vouches (Nats-Request-Info), before anything can fail.
    this.rpcLogger.log(`rpc ${channel} from ${describeCaller(callerIdentity(message.headers))}`);
    const respond = (envelope: RpcEnvelope<unknown>) => {
      message.respond(Buffer.from(JSON.stringify(envelope)));
    };
    try {
      const payload = parsePayload(message.data);
      if (payload === INVALID_JSON) {
        return respond({ ok: false, error: { code: RpcErrorCode.BadRequest, message: 'payload is not valid JSON' } });
      }
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        return respond({ ok: false, error: { code: RpcErrorCode.BadRequest, message: 'payload must be a JSON object' } });
      }
      const problem = jsonProblem(payload);
      if (problem) return respond({ ok: false, error: { code: RpcErrorCode.BadRequest, message: `payload ${problem}` } });
      const handler = this.getHandlerByPattern(channel);
      if (!handler) {
        return respond({ ok: false, error: { code: RpcErrorCode.NoHandler, message: `no handler for ${channel}` } });
      }
      const context = new NatsContext([message.subject, message.headers]);
      const result = this.transformToObservable(await handler(payload, context));
      respond({ ok: true, data: (await lastValueFrom(result, { defaultValue: null })) ?? null });
    } catch (error) {
      const body = toRpcErrorBody(error);
      if (body.code === RpcErrorCode.Internal) this.rpcLogger.error(`handler for ${channel} failed: ${String(error)}`);
      try {
        respond({ ok: false, error: body });
      } catch (replyError) {
        this.rpcLogger.warn(`could not answer on ${channel}: ${String(replyError)}`);
      }
    }
  }
}

const INVALID_JSON = Symbol('INVALID_JSON');

function parsePayload(data: Uint8Array): unknown {
  if (data.length === 0) return {};
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return INVALID_JSON;
  }
}
