import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTokensService } from './api-tokens.service';
import { BearerGuard } from './bearer.guard';
import { PersonalTokenError } from './personal-token.errors';
import { PersonalTokensService } from './personal-tokens.service';
import { ReadScope } from './read-scope.decorator';
import { TokenError } from './token.errors';

const PAT = `fgs_pat_${'a'.repeat(43)}`;
const ACCESS = `fgs_at_${'b'.repeat(43)}`;

class Routes {
  @ReadScope()
  read() {
    return 'read';
  }
  write() {
    return 'write';
  }
}

@ReadScope()
class ReadController {
  list() {
    return 'list';
  }
}

function contextOf(handler: () => void, cls: new () => unknown, authorization?: string) {
  const request: { headers: Record<string, string>; caller?: unknown } = { headers: authorization ? { authorization } : {} };
  const context = {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => handler,
    getClass: () => cls,
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('BearerGuard scope rule', () => {
  const sessions = { authenticate: jest.fn(async () => ({ userId: 'u1', sessionId: 's1' })) };
  const personal = { authenticate: jest.fn(async (token: string) => ({ userId: 'u1', personalTokenId: `t-${token.length}` })) };
  const guard = new BearerGuard(sessions as unknown as ApiTokensService, personal as unknown as PersonalTokensService, new Reflector());

  beforeEach(() => jest.clearAllMocks());

  it('lets a personal access token through on a @ReadScope() route, with its caller', async () => {
    const { context, request } = contextOf(Routes.prototype.read, Routes, `Bearer ${PAT}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.caller).toEqual({ userId: 'u1', personalTokenId: `t-${PAT.length}` });
    expect(sessions.authenticate).not.toHaveBeenCalled();
  });

  it('honours @ReadScope() on the controller class too', async () => {
    const { context } = contextOf(ReadController.prototype.list, ReadController, `Bearer ${PAT}`);
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('answers a personal access token 403 on an unmarked route, and puts no caller on the request', async () => {
    const { context, request } = contextOf(Routes.prototype.write, Routes, `Bearer ${PAT}`);
    const refusal = guard.canActivate(context);
    await expect(refusal).rejects.toBeInstanceOf(PersonalTokenError);
    await expect(refusal).rejects.toMatchObject({ kind: 'forbidden', code: 'PERSONAL_TOKEN_READ_ONLY', message: expect.stringContaining('may only read data') });
    expect(request.caller).toBeUndefined();
  });

  it('checks the personal token first: an invalid one is a 401 everywhere, not a 403', async () => {
    personal.authenticate.mockRejectedValueOnce(TokenError.invalidToken('personal'));
    const { context } = contextOf(Routes.prototype.write, Routes, `Bearer ${PAT}`);
    await expect(guard.canActivate(context)).rejects.toMatchObject({ kind: 'unauthorized', code: 'TOKEN_INVALID' });
  });

  it('lets a session access token through on every route, marked or not', async () => {
    for (const handler of [Routes.prototype.read, Routes.prototype.write]) {
      const { context, request } = contextOf(handler, Routes, `Bearer ${ACCESS}`);
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.caller).toEqual({ userId: 'u1', sessionId: 's1' });
    }
    expect(personal.authenticate).not.toHaveBeenCalled();
  });

  it('asks for a token when there is none', async () => {
    const { context } = contextOf(Routes.prototype.read, Routes);
    await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'TOKEN_MISSING' });
  });
});
