import { jsonProblem, nestsDeeperThan } from './json-depth';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1] } }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
  });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(100_000), 32)).toBe(true);
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
  });
});

describe('jsonProblem', () => {
  it('finds deep nesting and broken Unicode in values and keys, and passes the rest', () => {
    expect(jsonProblem({ email: 'a@b.co', tags: ['😀', '１２３'] })).toBeUndefined();
    expect(jsonProblem(JSON.parse('{"email":"\\ud800@x.co"}'))).toMatch(/not valid Unicode/);
    expect(jsonProblem(JSON.parse('{"\\udfff":1}'))).toMatch(/not valid Unicode/);
    expect(jsonProblem(nested(40))).toMatch(/deeper than 32/);
  });
});
