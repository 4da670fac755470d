import { Inject, Injectable } from '@nestjs/common';
import { RpcEnvelope, RpcErrorCode, RpcReply, RpcRequest, RpcSubject } from '@fittrack/contracts';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '../connection/nats.tokens';
import { SubjectNamer } from '../connection/subject-namer';
import { RpcCallError } from './rpc-error';

const DEFAULT_TIMEOUT_MS = 5000;

/** Typed request/reply: the reply type follows from the subject. */
@Injectable()
export class RpcClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly namer: SubjectNamer,
  ) {}

  async request<S extends RpcSubject>(
    subject: S,
    payload: RpcRequest<S>,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<RpcReply<S>> {
    const answer = await this.connection.request(this.namer.subject(subject), Buffer.from(JSON.stringify(payload)), {
      timeout: timeoutMs,
    });
    const envelope = parseEnvelope<RpcReply<S>>(answer.data);
    if (!envelope.ok) throw new RpcCallError(subject, envelope.error);
    return envelope.data;
  }
}

function parseEnvelope<T>(data: Uint8Array): RpcEnvelope<T> {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as RpcEnvelope<T>;
  } catch {
    return { ok: false, error: { code: RpcErrorCode.Internal, message: 'reply is not valid JSON' } };
  }
}
