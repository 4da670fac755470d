import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorKind } from '@fittrack/app-core';
import { RpcErrorCode } from '@fittrack/contracts';
import { prefixSubject } from '../connection/subject-namer';
import { toRpcErrorBody } from './rpc-error';

class JobMissing extends DomainError<'JOB_NOT_FOUND'> {
  constructor() {
    super(ErrorKind.NotFound, 'JOB_NOT_FOUND', 'sync job not found');
  }
}

class SlowDown extends DomainError<'SYNC_QUOTA'> {
  constructor() {
    super(ErrorKind.RateLimited, 'SYNC_QUOTA', 'too many syncs', 30);
  }
  override get details() {
    return { limit: 5 };
  }
}

describe('toRpcErrorBody', () => {
  it('maps domain errors by kind, naming their own code', () => {
    expect(toRpcErrorBody(new JobMissing())).toEqual({ code: RpcErrorCode.NotFound, message: 'sync job not found', reason: 'JOB_NOT_FOUND' });
  });

  it('carries what a caller can act on, as the HTTP body does', () => {
    expect(toRpcErrorBody(new SlowDown())).toEqual({
      code: RpcErrorCode.RateLimited,
      message: 'too many syncs',
      reason: 'SYNC_QUOTA',
      context: { retryAfterSeconds: 30, limit: 5 },
    });
  });

  it('keeps validation details', () => {
    expect(toRpcErrorBody(new BadRequestException(['userId must be a UUID']))).toEqual({
      code: RpcErrorCode.BadRequest,
      message: 'payload is invalid',
      details: ['userId must be a UUID'],
    });
    expect(toRpcErrorBody(new NotFoundException('gone')).code).toBe(RpcErrorCode.NotFound);
  });

  it('hides unexpected errors', () => {
    expect(toRpcErrorBody(new Error('password=hunter2'))).toEqual({ code: RpcErrorCode.Internal, message: 'internal error' });
  });

  it('passes an error body through', () => {
    const body = { code: RpcErrorCode.Conflict, message: 'busy' };
    expect(toRpcErrorBody(body)).toBe(body);
  });
});

describe('prefixSubject', () => {
  it('prefixes only when a prefix is set', () => {
    expect(prefixSubject('', 'garmin.rpc.worker.ping')).toBe('garmin.rpc.worker.ping');
    expect(prefixSubject('t_1', 'garmin.rpc.worker.ping')).toBe('t_1.garmin.rpc.worker.ping');
  });
});
