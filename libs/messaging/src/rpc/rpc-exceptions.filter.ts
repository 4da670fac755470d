import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { RpcErrorBody, RpcErrorCode } from '@fittrack/contracts';
import { toRpcErrorBody } from './rpc-error';

/** Turns whatever a handler threw into an RpcErrorBody; logs the unexpected ones. */
@Catch()
export class RpcExceptionsFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcExceptionsFilter.name);

  catch(exception: unknown, _host: ArgumentsHost): Observable<RpcErrorBody> {
    const body = toRpcErrorBody(exception);
    if (body.code === RpcErrorCode.Internal) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    return throwError(() => body);
  }
}
