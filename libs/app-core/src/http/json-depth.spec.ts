import { jsonProblem } from './json-depth';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

describe('jsonProblem: depth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonProblem('text', 0)).toBeUndefined();
    expect(jsonProblem({ a: 1 }, 1)).toBeUndefined();
    expect(jsonProblem({ a: { b: [1] } }, 2)).toMatch(/deeper than 2/);
    expect(jsonProblem({ a: { b: [1] } }, 3)).toBeUndefined();
  });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(jsonProblem(nested(100_000), 32)).toMatch(/deeper than 32/);
    expect(jsonProblem(nested(32), 32)).toBeUndefined();
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
