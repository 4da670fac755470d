import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorKind } from '../errors/domain-error';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  bad_input: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  gone: HttpStatus.GONE,
  locked: HttpStatus.LOCKED,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
}

/**
 * The one translation of errors at the HTTP edge: domain errors by kind,
 * Nest's HTTP exceptions as they are, anything else a bare 500 with the cause
 * logged (never sent).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, retryAfter } = this.toBody(exception);
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    void reply.status(statusOf(exception, body)).send(body);
  }

  private toBody(exception: unknown): { body: HttpErrorBody | object; retryAfter?: number } {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF_KIND[exception.kind];
      return {
        body: { statusCode, error: reasonPhrase(statusCode), message: exception.message, code: exception.code, ...exception.details },
        retryAfter: exception.retryAfterSeconds,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && !('message' in response)) {
        // A structured body of its own (terminus' health report): keep it whole.
        return { body: response as HttpErrorBody };
      }
      const message = typeof response === 'object' ? (response as { message: string | string[] }).message : exception.message;
      return { body: { statusCode, error: reasonPhrase(statusCode), message } };
    }
    if (isClientError(exception)) {
      // Fastify's own parse errors (bad JSON, too large, bad content type) carry a 4xx statusCode.
      const statusCode = exception.statusCode;
      return { body: { statusCode, error: reasonPhrase(statusCode), message: exception.message } };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
    return { body: { statusCode, error: reasonPhrase(statusCode), message: 'Internal server error' } };
  }
}

function statusOf(exception: unknown, body: HttpErrorBody | object): number {
  return exception instanceof HttpException ? exception.getStatus() : (body as HttpErrorBody).statusCode;
}

function isClientError(e: unknown): e is { statusCode: number; message: string } {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.toLowerCase().replace(/(^|_)(\w)/g, (_m, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase()) : 'Error';
}
