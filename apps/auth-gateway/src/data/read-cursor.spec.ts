import { parseKeyring } from '@fittrack/persistence';
import { DataReadError } from './data-read.errors';
import { CursorScope, ReadCursorCodec } from './read-cursor';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const scope: CursorScope = { userId: '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', list: 'activities', filter: { from: '2026-01-01', to: undefined, type: 'running' } };

function refused(decode: () => unknown): DataReadError {
  try {
    decode();
  } catch (error) {
    if (error instanceof DataReadError) return error;
    throw error;
  }
  throw new Error('the cursor was accepted');
}

describe('ReadCursorCodec', () => {
  const codec = new ReadCursorCodec(parseKeyring(`a:${KEY_A}`));

  it('gives back the position it encoded, for the same scope', () => {
    const cursor = codec.encode(scope, ['2026-05-01T05:00:00.000000Z', 123456789012]);
    expect(codec.decode(scope, cursor)).toEqual(['2026-05-01T05:00:00.000000Z', 123456789012]);
    expect(codec.decode({ ...scope, filter: { type: 'running', from: '2026-01-01' } }, cursor)).toEqual(['2026-05-01T05:00:00.000000Z', 123456789012]);
  });

  it('shows neither the user nor the filters in the token', () => {
    const cursor = codec.encode(scope, [null, 7]);
    const text = Buffer.from(cursor.split('.')[0], 'base64url').toString();
    expect(text).not.toContain(scope.userId);
    expect(text).not.toContain('running');
  });

  it.each([
    ['another user', { ...scope, userId: '2b3f2a3c-54a1-4d84-9d8c-0a4f3c3b9e11' }],
    ['another list', { ...scope, list: 'workouts' }],
    ['other filters', { ...scope, filter: { ...scope.filter, type: 'cycling' } }],
    ['a filter dropped', { ...scope, filter: { from: '2026-01-01' } }],
  ])('refuses a cursor used for %s', (_what, other) => {
    const cursor = codec.encode(scope, [null, 7]);
    expect(refused(() => codec.decode(other, cursor)).code).toBe('DATA_BAD_CURSOR');
  });

  it('refuses an altered position, a forged signature and garbage, with a 400 kind', () => {
    const cursor = codec.encode(scope, ['2026-05-01T05:00:00.000000Z', 100]);
    const [, signature] = cursor.split('.');
    const altered = `${Buffer.from(JSON.stringify({ k: 'a', p: ['2026-05-01T05:00:00.000000Z', 99] })).toString('base64url')}.${signature}`;
    const flipped = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [altered, flipped, 'x', '', 'a.b.c', `${cursor}.x`, `${cursor.split('.')[0]}.`, '%%%.%%%']) {
      const error = refused(() => codec.decode(scope, bad));
      expect([error.code, error.kind]).toEqual(['DATA_BAD_CURSOR', 'bad_input']);
    }
  });

  it('refuses a cursor signed with another deployment’s keys, and keeps one of an older key in the ring valid', () => {
    const other = new ReadCursorCodec(parseKeyring(`a:${KEY_B}`));
    expect(refused(() => codec.decode(scope, other.encode(scope, [null, 1]))).code).toBe('DATA_BAD_CURSOR');

    const rotated = new ReadCursorCodec(parseKeyring(`b:${KEY_B},a:${KEY_A}`));
    expect(rotated.decode(scope, codec.encode(scope, [null, 1]))).toEqual([null, 1]);
  });
});
