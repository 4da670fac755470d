import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { DomainError, ErrorKind } from '../errors/domain-error';
import { HttpExceptionFilter } from './http-exception.filter';

class SampleError extends DomainError<'SAMPLE_LIMIT'> {
  constructor() {
    super(ErrorKind.RateLimited, 'SAMPLE_LIMIT', 'slow down', 30);
  }
}

function capture(exception: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('HttpExceptionFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('maps a domain error by its kind, with its code and Retry-After', () => {
    const sent = capture(new SampleError());
    expect(sent.status).toBe(429);
    expect(sent.headers['Retry-After']).toBe('30');
    expect(sent.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'slow down', code: 'SAMPLE_LIMIT' });
  });

  it('adds the details a domain error carries', () => {
    class WithDetails extends SampleError {
      override get details() {
        return { attemptsLeft: 2 };
      }
    }
    expect(capture(new WithDetails()).body).toMatchObject({ code: 'SAMPLE_LIMIT', attemptsLeft: 2 });
  });

  it('keeps validation messages of HTTP exceptions', () => {
    const sent = capture(new BadRequestException(['email must be an email']));
    expect(sent.body).toEqual({ statusCode: 400, error: 'Bad Request', message: ['email must be an email'] });
  });

  it('passes framework 4xx errors (bad JSON, too large) through', () => {
    const sent = capture(Object.assign(new Error('Request body is too large'), { statusCode: 413 }));
    expect(sent.status).toBe(413);
  });

  it('never leaks the cause of an unexpected error', () => {
    const sent = capture(new Error('relation "secret_table" does not exist'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret_table');
  });
});
