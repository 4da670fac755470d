import { applyDecorators, UseFilters, UsePipes } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { createValidationPipe } from '@fittrack/app-core';
import { RpcReply, RpcRequest, RpcSubject } from '@fittrack/contracts';
import { RpcExceptionsFilter } from './rpc-exceptions.filter';

type RpcMethod<S extends RpcSubject> = (
  payload: RpcRequest<S>,
  ...rest: never[]
) => RpcReply<S> | Promise<RpcReply<S>>;

/**
 * `@MessagePattern` for one of our subjects, with the method's payload and
 * return types checked against the subject's contract at compile time, the
 * payload validated like an HTTP body, and errors translated for the wire.
 * Put `@Payload()` on the first parameter so the validation pipe sees its class.
 */
export function RpcHandler<S extends RpcSubject>(subject: S) {
  const decorate = applyDecorators(
    MessagePattern(subject),
    UsePipes(createValidationPipe()),
    UseFilters(new RpcExceptionsFilter()),
  );
  return <M extends RpcMethod<S>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    decorate(target, key, descriptor);
  };
}
