import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { COMMAND_DTO, RPC_REQUEST_DTO } from './payload-map';
import { SyncStartRequest, WorkerPingRequest } from './rpc-payloads';
import { CommandSubject, DataEventSubject, EventSubject, RpcSubject } from './subjects';

function errorsOf<T extends object>(cls: new () => T, plain: unknown): string[] {
  const instance = plainToInstance(cls, plain);
  return validateSync(instance as object, { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property);
}

describe('subjects', () => {
  const all = [...Object.values(RpcSubject), ...Object.values(CommandSubject), ...Object.values(EventSubject), ...Object.values(DataEventSubject)];

  it('are unique and follow garmin.<rpc|cmd|events>.<area>.<verb>', () => {
    expect(new Set(all).size).toBe(all.length);
    for (const subject of all) expect(subject).toMatch(/^garmin\.(rpc|cmd|events)\.[a-z]+\.[a-z_]+$/);
  });

  it('each RPC and command subject has a payload class', () => {
    expect(Object.keys(RPC_REQUEST_DTO).sort()).toEqual(Object.values(RpcSubject).sort());
    expect(Object.keys(COMMAND_DTO).sort()).toEqual(Object.values(CommandSubject).sort());
  });
});

describe('payload DTOs', () => {
  const userId = '2b3f2a3c-54a1-4d84-9d8c-0a4f3c3b9e11';

  it('accept a well-formed sync start', () => {
    expect(errorsOf(SyncStartRequest, { userId, types: ['activities', 'health'], from: '2026-01-01', to: '2026-01-31' })).toEqual([]);
    expect(errorsOf(SyncStartRequest, { userId })).toEqual([]);
  });

  it.each([
    ['userId', { userId: 'not-a-uuid' }],
    ['types', { userId, types: ['everything'] }],
    ['types', { userId, types: ['health', 'health'] }],
    ['types', { userId, types: 'health' }],
    ['from', { userId, from: '2026-13-45' }],
    ['to', { userId, to: 12 }],
    ['extra', { userId, extra: true }],
  ])('reject a sync start with a bad %s', (property, payload) => {
    expect(errorsOf(SyncStartRequest, payload)).toContain(property);
  });

  it('bound the ping nonce', () => {
    expect(errorsOf(WorkerPingRequest, {})).toEqual([]);
    expect(errorsOf(WorkerPingRequest, { nonce: 'x'.repeat(65) })).toEqual(['nonce']);
  });
});
