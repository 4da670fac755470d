/** A GPS track: the `trkpt`s of our GPX export, projected flat and fitted into an SVG viewBox. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** The positions of every `trkpt`, in order; throws when the text is not XML. */
export function trackPoints(gpx: string): LatLon[] {
  const doc = new DOMParser().parseFromString(gpx, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('The track could not be read: the GPX file is not valid XML.');
  return Array.from(doc.getElementsByTagNameNS('*', 'trkpt')).flatMap((point) => {
    const lat = Number(point.getAttribute('lat'));
    const lon = Number(point.getAttribute('lon'));
    return point.hasAttribute('lat') && point.hasAttribute('lon') && Number.isFinite(lat) && Number.isFinite(lon) ? [{ lat, lon }] : [];
  });
}

export interface DrawnTrack {
  width: number;
  height: number;
  /** One path through the kept points (`M x,y L x,y …`). */
  path: string;
  start: [number, number];
  end: [number, number];
  /** How many points the path has, after dropping those less than a unit from the last kept one. */
  drawn: number;
}

export const TRACK_WIDTH = 600;
const PADDING = 12;

/**
 * Equirectangular: x is longitude shrunk by cos(mean latitude), so a track's shape holds away from the equator
 * (an activity spans a few km, where the error of this flat projection cannot be seen). The viewBox follows the
 * track's own proportions within limits, and the track is scaled to fit it without distortion, centred.
 */
export function drawTrack(points: LatLon[]): DrawnTrack | null {
  if (points.length === 0) return null;
  const meanLat = (points.reduce((sum, p) => sum + p.lat, 0) / points.length) * (Math.PI / 180);
  const flat = points.map((p) => [p.lon * Math.cos(meanLat), -p.lat] as const);
  // A loop, not Math.min(...xs): a long track has more points than a call may have arguments.
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of flat) [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
  const [spanX, spanY] = [maxX - minX, maxY - minY];

  const width = TRACK_WIDTH;
  const height = Math.round(Math.min(width, Math.max(width / 2, spanX > 0 ? (width * spanY) / spanX : width)));
  const scale = spanX === 0 && spanY === 0 ? 0 : Math.min(spanX > 0 ? (width - 2 * PADDING) / spanX : Infinity, spanY > 0 ? (height - 2 * PADDING) / spanY : Infinity);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const at = ([x, y]: readonly [number, number]): [number, number] => [round(offsetX + (x - minX) * scale), round(offsetY + (y - minY) * scale)];

  // Thousands of points a pixel apart draw the same line as the few that are not: keep a point only a unit away from the last kept one.
  const kept: [number, number][] = [];
  for (const point of flat.map(at)) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) >= 1) kept.push(point);
  }
  // The end is where the activity ended, even when it is less than a unit from the last kept point.
  const end = at(flat[flat.length - 1]);
  const last = kept[kept.length - 1];
  if (last[0] !== end[0] || last[1] !== end[1]) kept.push(end);
  const path = kept.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join(' ');
  return { width, height, path, start: kept[0], end, drawn: kept.length };
}

const round = (value: number) => Math.round(value * 10) / 10;
