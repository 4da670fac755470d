import { drawTrack, trackPoints, TRACK_WIDTH } from './track';

const numbers = (path: string) => path.split(' ').map((step) => step.slice(1).split(',').map(Number));

describe('drawing a GPS track', () => {
  it('reads every trkpt of a GPX, whatever its namespace prefix', () => {
    const gpx = `<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg><trkpt lat="47.5" lon="8.25"/><trkpt lat="-33.9" lon="151.2"><ele>3</ele></trkpt></trkseg></trk></gpx>`;
    expect(trackPoints(gpx)).toEqual([{ lat: 47.5, lon: 8.25 }, { lat: -33.9, lon: 151.2 }]);
    expect(() => trackPoints('<gpx><trk>')).toThrow('not valid XML');
  });

  it('keeps the shape: a square at 60° north is half as many degrees of latitude as of longitude', () => {
    const square = drawTrack([{ lat: 60, lon: 10 }, { lat: 60, lon: 10.02 }, { lat: 60.01, lon: 10.02 }, { lat: 60.01, lon: 10 }, { lat: 60, lon: 10 }])!;
    const points = numbers(square.path);
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    const [w, h] = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    expect(w / h).toBeCloseTo(1, 1);
    expect(square.width).toBe(TRACK_WIDTH);
    // North is up: the first point (south) is below the third (north).
    expect(points[0][1]).toBeGreaterThan(points[2][1]);
    expect(Math.max(...xs)).toBeLessThanOrEqual(square.width);
    expect(Math.max(...ys)).toBeLessThanOrEqual(square.height);
  });

  it('drops points less than a unit from the last kept one, but never the end', () => {
    const dense = Array.from({ length: 5000 }, (_, i) => ({ lat: 47 + i * 0.000002, lon: 8 + i * 0.000002 }));
    const track = drawTrack(dense)!;
    expect(track.drawn).toBeLessThan(1000);
    expect(track.drawn).toBeGreaterThan(100);
    expect(numbers(track.path).pop()).toEqual(track.end);
  });

  it('draws a single position as a point, and nothing for none', () => {
    const one = drawTrack([{ lat: 47, lon: 8 }])!;
    expect(one.path).toBe(`M${one.width / 2},${one.height / 2}`);
    expect(one.start).toEqual(one.end);
    expect(drawTrack([])).toBeNull();
  });
});
