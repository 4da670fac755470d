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

describe('toRpcErrorBody', () => {
  it('maps domain errors by kind', () => {
    expect(toRpcErrorBody(new JobMissing())).toEqual({ code: RpcErrorCode.NotFound, message: 'sync job not found' });
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
