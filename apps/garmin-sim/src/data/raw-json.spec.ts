import { decimalPathsOf, garminJson, pathKinds } from './raw-json';

describe('Garmin JSON numbers', () => {
  it('tells decimals from integers as written, by path, with tuple positions', () => {
    const kinds = pathKinds('{"a": 2.0, "b": 2, "c": [[1, "X", null, 2.0]], "d": [{"e": 1e3}], "f": []}');
    expect([...kinds.get('$.a')!]).toEqual(['decimal']);
    expect([...kinds.get('$.b')!]).toEqual(['integer']);
    expect([...kinds.get('$.c[][2]')!]).toEqual(['null']);
    expect([...kinds.get('$.c[][3]')!]).toEqual(['decimal']);
    expect([...kinds.get('$.d[].e')!]).toEqual(['decimal']);
    expect([...kinds.get('$.f')!]).toEqual(['emptyArray']);
  });

  it('writes whole numbers at decimal paths as decimals and round-trips the paths', () => {
    const text = garminJson({ totalKilocalories: 2252, steps: 10, series: [[1, 'MEASURED', 26, 2]], id: { 3469703076: { load: 328 } } }, new Set(['$.totalKilocalories', '$.series[][3]', '$.id.{id}.load']));
    expect(text).toBe('{"totalKilocalories":2252.0,"steps":10,"series":[[1,"MEASURED",26,2.0]],"id":{"3469703076":{"load":328.0}}}');
    expect([...decimalPathsOf(text)].sort()).toEqual(['$.id.{id}.load', '$.series[][3]', '$.totalKilocalories']);
    expect(JSON.parse(text).totalKilocalories).toBe(2252);
  });
});
