import { decodeFit } from '../fit/decode-fit';
import { elements, expectedPoint, indoorFit, outdoorFit, recordsOf, START, valueIn } from '../fit/fit-fixtures.test';
import { toTcx } from './tcx';

const META = { activityId: 18123456789, name: 'Lunch ride' };

function trackpoints(xml: string) {
  return elements(xml, 'Trackpoint').map((inner) => ({
    time: valueIn(inner, 'Time'),
    lat: valueIn(inner, 'LatitudeDegrees'),
    lon: valueIn(inner, 'LongitudeDegrees'),
    ele: valueIn(inner, 'AltitudeMeters'),
    distance: valueIn(inner, 'DistanceMeters'),
    hr: valueIn(valueIn(inner, 'HeartRateBpm') ?? '', 'Value'),
    cadence: valueIn(inner, 'Cadence'),
    runCadence: valueIn(inner, 'ns3:RunCadence'),
  }));
}

function expectMatches(tcx: string, bytes: Uint8Array, running: boolean) {
  const records = recordsOf(bytes);
  const points = trackpoints(tcx);
  expect(points).toHaveLength(records.length);
  points.forEach((point, i) => {
    const want = expectedPoint(records[i]);
    expect(Date.parse(point.time as string)).toBe(want.time);
    if (want.lat === undefined) expect(point.lat).toBeUndefined();
    else {
      expect(Math.abs(Number(point.lat) - want.lat)).toBeLessThan(1e-8);
      expect(Math.abs(Number(point.lon) - (want.lon as number))).toBeLessThan(1e-8);
    }
    if (want.ele === undefined) expect(point.ele).toBeUndefined();
    else expect(Number(point.ele)).toBeCloseTo(want.ele, 3);
    expect(Number(point.distance)).toBeCloseTo(want.distance as number, 3);
    expect(Number(point.hr)).toBe(want.hr);
    const cadence = running ? point.runCadence : point.cadence;
    expect(cadence === undefined ? undefined : Number(cadence)).toBe(want.cad);
    expect(running ? point.cadence : point.runCadence).toBeUndefined();
  });
}

describe('toTcx', () => {
  it('writes every record as a Trackpoint with time, position, altitude, distance, heart rate and cadence (cycling: Trackpoint/Cadence)', () => {
    const bytes = outdoorFit('cycling');
    const tcx = toTcx(decodeFit(1, bytes), META);
    expectMatches(tcx, bytes, false);
    expect(tcx).toContain('<Activity Sport="Biking">');
  });

  it('puts running cadence where Garmin’s TCX does (ActivityExtension RunCadence)', () => {
    const bytes = outdoorFit('running');
    const tcx = toTcx(decodeFit(1, bytes), META);
    expectMatches(tcx, bytes, true);
    expect(tcx).toContain('<Activity Sport="Running">');
  });

  it('keeps the FIT’s laps, each with the records that fall in it and its totals', () => {
    const tcx = toTcx(decodeFit(1, outdoorFit('running', 40)), META);
    const laps = elements(tcx, 'Lap');
    expect(laps).toHaveLength(2);
    expect([...tcx.matchAll(/<Lap StartTime="([^"]+)">/g)].map((m) => m[1])).toEqual(['2026-05-01T05:00:00Z', '2026-05-01T05:00:21Z']);
    expect(laps.map((lap) => elements(lap, 'Trackpoint').length)).toEqual([21, 20]);
    expect(valueIn(laps[0], 'TotalTimeSeconds')).toBe('20');
    expect(valueIn(laps[0], 'DistanceMeters')).toBe('64');
    expect(valueIn(laps[0], 'Calories')).toBe('10');
    expect(valueIn(laps[0], 'Intensity')).toBe('Active');
    expect(valueIn(laps[0], 'TriggerMethod')).toBe('Distance');
    expect(valueIn(laps[1], 'Intensity')).toBe('Resting');
    expect(valueIn(laps[1], 'TriggerMethod')).toBe('Manual');
    // The schema's order: TotalTimeSeconds, DistanceMeters, MaximumSpeed, Calories, heart rates, Intensity, TriggerMethod, Track.
    expect(laps[0]).toMatch(/^\s*<TotalTimeSeconds>.*\s*<DistanceMeters>.*\s*<MaximumSpeed>.*\s*<Calories>.*\s*<AverageHeartRateBpm>.*\s*<MaximumHeartRateBpm>.*\s*<Intensity>.*\s*<TriggerMethod>.*\s*<Track>/);
  });

  it('exports the simulator’s FIT (no positions): Trackpoints with heart rate and distance, no Position', () => {
    const bytes = indoorFit();
    const tcx = toTcx(decodeFit(1, bytes), { activityId: 5, name: null });
    expectMatches(tcx, bytes, false);
    expect(tcx).not.toContain('<Position>');
    expect(tcx).toContain('<Activity Sport="Other">');
    expect(valueIn(tcx, 'Id')).toBe(START.toISOString().replace('.000', ''));
    expect(valueIn(tcx, 'Notes')).toBe('Activity 5');
  });
});
