import { decodeFit } from '../fit/decode-fit';
import { expectedPoint, indoorFit, outdoorFit, recordsOf, valueIn } from '../fit/fit-fixtures.test';
import { toGpx } from './gpx';

const META = { activityId: 18123456789, name: 'Morning <Run> & "friends"' };

function trackPoints(gpx: string) {
  return [...gpx.matchAll(/<trkpt lat="([^"]+)" lon="([^"]+)">([\s\S]*?)<\/trkpt>/g)].map(([, lat, lon, inner]) => ({
    lat: Number(lat),
    lon: Number(lon),
    ele: valueIn(inner, 'ele'),
    time: valueIn(inner, 'time'),
    hr: valueIn(inner, 'gpxtpx:hr'),
    cad: valueIn(inner, 'gpxtpx:cad'),
  }));
}

describe('toGpx', () => {
  it('writes one trkpt per record with a position, each matching its record message', () => {
    const bytes = outdoorFit('running');
    const gpx = toGpx(decodeFit(1, bytes), META);
    const records = recordsOf(bytes).filter((r) => r['positionLat'] !== undefined);
    const points = trackPoints(gpx);
    expect(records.length).toBeGreaterThan(20);
    expect(points).toHaveLength(records.length);
    points.forEach((point, i) => {
      const want = expectedPoint(records[i]);
      expect(Math.abs(point.lat - (want.lat as number))).toBeLessThan(1e-8);
      expect(Math.abs(point.lon - (want.lon as number))).toBeLessThan(1e-8);
      expect(Number(point.ele)).toBeCloseTo(want.ele as number, 3);
      expect(Date.parse(point.time as string)).toBe(want.time);
      expect(Number(point.hr)).toBe(want.hr);
      expect(Number(point.cad)).toBe(want.cad);
    });
  });

  it('is a GPX 1.1 document with Garmin’s TrackPointExtension, named after the activity (escaped)', () => {
    const gpx = toGpx(decodeFit(1, outdoorFit('cycling')), META);
    expect(gpx).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gpx version="1.1" creator="FitTrack Garmin Sync" xmlns="http:\/\/www.topografix.com\/GPX\/1\/1" xmlns:gpxtpx="http:\/\/www.garmin.com\/xmlschemas\/TrackPointExtension\/v1"/);
    expect(valueIn(gpx, 'metadata')).toContain('<time>2026-05-01T05:00:00Z</time>');
    expect(valueIn(gpx, 'trk')).toContain('<name>Morning &lt;Run&gt; &amp; &quot;friends&quot;</name>');
    expect(valueIn(gpx, 'trk')).toContain('<type>cycling</type>');
    // The schema's order inside a trkpt: ele, time, extensions; hr before cad.
    expect(gpx).toMatch(/<trkpt [^>]+><ele>[\d.]+<\/ele><time>[^<]+<\/time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>\d+<\/gpxtpx:hr><gpxtpx:cad>\d+<\/gpxtpx:cad><\/gpxtpx:TrackPointExtension><\/extensions><\/trkpt>/);
    expect(gpx.endsWith('</gpx>\n')).toBe(true);
  });

  it('gives an activity without positions (the simulator’s FIT) a valid GPX with an empty track segment', () => {
    const gpx = toGpx(decodeFit(1, indoorFit()), { activityId: 5, name: null });
    expect(trackPoints(gpx)).toEqual([]);
    expect(gpx).toContain('<trkseg>\n    </trkseg>');
    expect(valueIn(gpx, 'trk')).toContain('<name>Activity 5</name>');
  });
});
