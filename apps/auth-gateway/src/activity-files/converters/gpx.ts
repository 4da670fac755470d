import { FitActivity, FitPoint } from '../fit/fit-activity';
import { decimal, isoTime, PLACES, xmlEscape } from './xml';

/** What names the track: the activity as stored beside its file. */
export interface TrackMeta {
  activityId: number;
  name: string | null;
}

const CREATOR = 'FitTrack Garmin Sync';
const GPX_NS = 'http://www.topografix.com/GPX/1/1';
const TPX_NS = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1';
const SCHEMAS = `${GPX_NS} http://www.topografix.com/GPX/1/1/gpx.xsd ${TPX_NS} http://www8.garmin.com/xmlschemas/TrackPointExtensionv1.xsd`;

/**
 * A GPX 1.1 track of the activity: one trkpt per FIT record that has a position (lat, lon, ele, time), heart
 * rate and cadence in Garmin's TrackPointExtension v1. A record without a position cannot be a trkpt
 * (lat and lon are required); an activity without any (strength, treadmill) gives a valid GPX whose
 * track segment is empty.
 */
export function toGpx(activity: FitActivity, meta: TrackMeta): string {
  const name = xmlEscape(meta.name ?? `Activity ${meta.activityId}`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx version="1.1" creator="${CREATOR}" xmlns="${GPX_NS}" xmlns:gpxtpx="${TPX_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SCHEMAS}">`,
    `  <metadata>`,
    `    <name>${name}</name>`,
    ...(activity.startTime ? [`    <time>${isoTime(activity.startTime)}</time>`] : []),
    `  </metadata>`,
    `  <trk>`,
    `    <name>${name}</name>`,
    ...(activity.sport ? [`    <type>${xmlEscape(activity.sport)}</type>`] : []),
    `    <trkseg>`,
    ...activity.points.filter(hasPosition).map(trackPoint),
    `    </trkseg>`,
    `  </trk>`,
    `</gpx>`,
  ];
  return `${lines.join('\n')}\n`;
}

function hasPosition(point: FitPoint): point is FitPoint & { latitude: number; longitude: number } {
  return point.latitude !== null && point.longitude !== null;
}

function trackPoint(point: FitPoint & { latitude: number; longitude: number }): string {
  // The schema's order: ele, time, then extensions; in the extension, hr before cad.
  const inner = [
    ...(point.altitudeM !== null ? [`<ele>${decimal(point.altitudeM, PLACES.metres)}</ele>`] : []),
    ...(point.time ? [`<time>${isoTime(point.time)}</time>`] : []),
  ];
  const extension = [
    ...(point.heartRate !== null ? [`<gpxtpx:hr>${Math.round(point.heartRate)}</gpxtpx:hr>`] : []),
    ...(point.cadence !== null ? [`<gpxtpx:cad>${Math.round(point.cadence)}</gpxtpx:cad>`] : []),
  ];
  if (extension.length > 0) inner.push(`<extensions><gpxtpx:TrackPointExtension>${extension.join('')}</gpxtpx:TrackPointExtension></extensions>`);
  return `      <trkpt lat="${decimal(point.latitude, PLACES.degrees)}" lon="${decimal(point.longitude, PLACES.degrees)}">${inner.join('')}</trkpt>`;
}
