import { decodeFit } from '../fit/decode-fit';
import { indoorFit, outdoorFit, recordsOf } from '../fit/fit-fixtures.test';
import { SEMICIRCLES_PER_DEGREE } from '../fit/fit-activity';
import { toCsv } from './csv';

const parse = (csv: string) => csv.trimEnd().split('\r\n').map((line) => line.split(','));

describe('toCsv', () => {
  it('has a header of every record field (timestamp first) and one row per record message, matching it', () => {
    const bytes = outdoorFit('running');
    const records = recordsOf(bytes);
    const [header, ...rows] = parse(toCsv(decodeFit(1, bytes).records));
    expect(header[0]).toBe('timestamp');
    expect(new Set(header)).toEqual(new Set(records.flatMap((r) => Object.keys(r))));
    expect(rows).toHaveLength(records.length);
    rows.forEach((row, i) => {
      const record = records[i];
      const cell = (field: string) => row[header.indexOf(field)];
      expect(Date.parse(cell('timestamp'))).toBe((record['timestamp'] as Date).getTime());
      for (const field of header.filter((f) => f !== 'timestamp')) {
        const value = record[field];
        if (value === undefined) expect(cell(field)).toBe('');
        else if (field === 'positionLat' || field === 'positionLong') expect(Math.abs(Number(cell(field)) - (value as number) / SEMICIRCLES_PER_DEGREE)).toBeLessThan(1e-8);
        else expect(Number(cell(field))).toBeCloseTo(value as number, 9);
      }
    });
  });

  it('writes the simulator’s FIT: timestamp, heartRate, distance', () => {
    const csv = toCsv(decodeFit(1, indoorFit(2)).records);
    expect(csv).toBe('timestamp,heartRate,distance\r\n2026-05-01T05:00:00Z,100,0\r\n2026-05-01T05:00:10Z,101,25.5\r\n2026-05-01T05:00:20Z,102,51\r\n');
  });

  it('quotes what needs quoting, joins arrays, and leaves developer fields out', () => {
    const csv = toCsv([{ timestamp: new Date(0), note: 'a, "b"', speed1s: [1, 2.5], developerFields: { 0: 5 } }]);
    expect(csv).toBe('timestamp,note,speed1s\r\n1970-01-01T00:00:00Z,"a, ""b""",1 2.5\r\n');
  });

  it('is a header line only for a file without records', () => {
    expect(toCsv([])).toBe('\r\n');
  });
});
