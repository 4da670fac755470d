import { FitActivity, FitLap, FitPoint } from '../fit/fit-activity';
import { TrackMeta } from './gpx';
import { decimal, isoTime, PLACES, xmlEscape } from './xml';

const TCX_NS = 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2';
const AX_NS = 'http://www.garmin.com/xmlschemas/ActivityExtension/v2';
const SCHEMAS = `${TCX_NS} http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd ${AX_NS} http://www.garmin.com/xmlschemas/ActivityExtensionv2.xsd`;

const SPORT_OF: Record<string, 'Running' | 'Biking'> = { running: 'Running', cycling: 'Biking' };
const TRIGGER_OF: Record<string, string> = {
  manual: 'Manual',
  time: 'Time',
  distance: 'Distance',
  positionStart: 'Location',
  positionLap: 'Location',
  positionWaypoint: 'Location',
  positionMarked: 'Location',
  heartRate: 'HeartRate',
};

type TimedPoint = FitPoint & { time: Date };

/**
 * A TCX (TrainingCenterDatabase v2) activity: its laps as the FIT's lap messages say (one lap over every
 * record when the file has none), each record in the lap it falls in as a Trackpoint with position,
 * altitude, distance, heart rate and cadence. Running cadence goes where Garmin's own TCX puts it
 * (ActivityExtension RunCadence), any other sport's in Trackpoint/Cadence. A record without a timestamp
 * cannot be a Trackpoint (Time is required) and is left out.
 */
export function toTcx(activity: FitActivity, meta: TrackMeta): string {
  const running = activity.sport === 'running';
  const sport = SPORT_OF[activity.sport ?? ''] ?? 'Other';
  const points = activity.points.filter((p): p is TimedPoint => p.time !== null);
  const laps = activity.laps.length > 0 ? activity.laps : [lapOver(points)];
  const start = activity.startTime ?? points[0]?.time ?? laps[0].startTime ?? new Date(0);
  const tracks = pointsPerLap(laps, points);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<TrainingCenterDatabase xmlns="${TCX_NS}" xmlns:ns3="${AX_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SCHEMAS}">`,
    '  <Activities>',
    `    <Activity Sport="${sport}">`,
    `      <Id>${isoTime(start)}</Id>`,
    ...laps.flatMap((lap, i) => lapLines(lap, tracks[i], running, start)),
    `      <Notes>${xmlEscape(meta.name ?? `Activity ${meta.activityId}`)}</Notes>`,
    '    </Activity>',
    '  </Activities>',
    '</TrainingCenterDatabase>',
  ];
  return `${lines.join('\n')}\n`;
}

/** Each point in the last lap that started at or before it (points before the first lap go to the first). */
function pointsPerLap(laps: FitLap[], points: TimedPoint[]): TimedPoint[][] {
  const tracks: TimedPoint[][] = laps.map(() => []);
  for (const point of points) {
    let index = 0;
    laps.forEach((lap, i) => {
      if (lap.startTime && lap.startTime.getTime() <= point.time.getTime()) index = i;
    });
    tracks[index].push(point);
  }
  return tracks;
}

function lapOver(points: TimedPoint[]): FitLap {
  const first = points[0]?.time ?? null;
  const last = points[points.length - 1]?.time ?? null;
  const distances = points.map((p) => p.distanceM).filter((d): d is number => d !== null);
  return {
    startTime: first,
    totalTimeS: first && last ? (last.getTime() - first.getTime()) / 1000 : 0,
    distanceM: distances.length > 0 ? Math.max(...distances) : 0,
    calories: null,
    averageHeartRate: null,
    maxHeartRate: null,
    maxSpeedMps: null,
    intensity: null,
    trigger: null,
  };
}

function lapLines(lap: FitLap, track: TimedPoint[], running: boolean, activityStart: Date): string[] {
  const bpm = (name: string, value: number | null) => (value !== null && value >= 1 ? [`        <${name}><Value>${Math.round(value)}</Value></${name}>`] : []);
  // The schema's order: TotalTimeSeconds, DistanceMeters, MaximumSpeed?, Calories, AverageHeartRateBpm?, MaximumHeartRateBpm?, Intensity, TriggerMethod, Track.
  return [
    `      <Lap StartTime="${isoTime(lap.startTime ?? track[0]?.time ?? activityStart)}">`,
    `        <TotalTimeSeconds>${decimal(lap.totalTimeS ?? 0, PLACES.seconds)}</TotalTimeSeconds>`,
    `        <DistanceMeters>${decimal(lap.distanceM ?? 0, PLACES.metres)}</DistanceMeters>`,
    ...(lap.maxSpeedMps !== null ? [`        <MaximumSpeed>${decimal(lap.maxSpeedMps, PLACES.speed)}</MaximumSpeed>`] : []),
    `        <Calories>${Math.round(lap.calories ?? 0)}</Calories>`,
    ...bpm('AverageHeartRateBpm', lap.averageHeartRate),
    ...bpm('MaximumHeartRateBpm', lap.maxHeartRate),
    `        <Intensity>${lap.intensity === 'rest' ? 'Resting' : 'Active'}</Intensity>`,
    `        <TriggerMethod>${TRIGGER_OF[lap.trigger ?? ''] ?? 'Manual'}</TriggerMethod>`,
    ...(track.length > 0 ? ['        <Track>', ...track.map((point) => trackpoint(point, running)), '        </Track>'] : []),
    '      </Lap>',
  ];
}

function trackpoint(point: TimedPoint, running: boolean): string {
  // The schema's order: Time, Position, AltitudeMeters, DistanceMeters, HeartRateBpm, Cadence, Extensions.
  const parts = [`<Time>${isoTime(point.time)}</Time>`];
  if (point.latitude !== null && point.longitude !== null) {
    parts.push(`<Position><LatitudeDegrees>${decimal(point.latitude, PLACES.degrees)}</LatitudeDegrees><LongitudeDegrees>${decimal(point.longitude, PLACES.degrees)}</LongitudeDegrees></Position>`);
  }
  if (point.altitudeM !== null) parts.push(`<AltitudeMeters>${decimal(point.altitudeM, PLACES.metres)}</AltitudeMeters>`);
  if (point.distanceM !== null) parts.push(`<DistanceMeters>${decimal(point.distanceM, PLACES.metres)}</DistanceMeters>`);
  if (point.heartRate !== null && point.heartRate >= 1) parts.push(`<HeartRateBpm><Value>${Math.round(point.heartRate)}</Value></HeartRateBpm>`);
  if (point.cadence !== null && !running) parts.push(`<Cadence>${Math.round(point.cadence)}</Cadence>`);
  const tpx = [
    ...(point.speedMps !== null ? [`<ns3:Speed>${decimal(point.speedMps, PLACES.speed)}</ns3:Speed>`] : []),
    ...(point.cadence !== null && running ? [`<ns3:RunCadence>${Math.round(point.cadence)}</ns3:RunCadence>`] : []),
  ];
  if (tpx.length > 0) parts.push(`<Extensions><ns3:TPX>${tpx.join('')}</ns3:TPX></Extensions>`);
  return `          <Trackpoint>${parts.join('')}</Trackpoint>`;
}
