import { Decoder, Stream } from '@garmin/fitsdk';
import { ActivityFileError } from '../activity-files.errors';
import { FitActivity, FitLap, FitPoint, SEMICIRCLES_PER_DEGREE } from './fit-activity';

type Fields = Record<string, unknown>;

const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const date = (value: unknown): Date | null => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const degrees = (semicircles: unknown): number | null => {
  const value = number(semicircles);
  return value === null ? null : value / SEMICIRCLES_PER_DEGREE;
};

/**
 * Decodes an activity's original FIT file with Garmin's SDK, after its header and CRC checks: a damaged or
 * truncated file is refused (ACTIVITY_FILE_UNDECODABLE, a 422) rather than converted in part.
 */
export function decodeFit(activityId: number, bytes: Uint8Array): FitActivity {
  if (!Decoder.isFIT(Stream.fromByteArray(bytes))) throw ActivityFileError.undecodable(activityId, 'it has no FIT header');
  if (!new Decoder(Stream.fromByteArray(bytes)).checkIntegrity()) throw ActivityFileError.undecodable(activityId, 'its CRC does not match (the file is damaged or truncated)');
  let decoded: ReturnType<Decoder['read']>;
  try {
    decoded = new Decoder(Stream.fromByteArray(bytes)).read();
  } catch (error) {
    throw ActivityFileError.undecodable(activityId, error instanceof Error ? error.message : String(error));
  }
  if (decoded.errors.length > 0) throw ActivityFileError.undecodable(activityId, decoded.errors[0].message);
  const records = (decoded.messages.recordMesgs ?? []) as Fields[];
  const session = (decoded.messages.sessionMesgs ?? [])[0] as Fields | undefined;
  const points = records.map(pointOf);
  return {
    sport: text(session?.['sport']),
    startTime: date(session?.['startTime']) ?? points.find((p) => p.time)?.time ?? null,
    points,
    laps: ((decoded.messages.lapMesgs ?? []) as Fields[]).map(lapOf),
    records,
  };
}

function pointOf(record: Fields): FitPoint {
  return {
    time: date(record['timestamp']),
    latitude: degrees(record['positionLat']),
    longitude: degrees(record['positionLong']),
    altitudeM: number(record['enhancedAltitude']) ?? number(record['altitude']),
    distanceM: number(record['distance']),
    heartRate: number(record['heartRate']),
    cadence: number(record['cadence']),
    speedMps: number(record['enhancedSpeed']) ?? number(record['speed']),
  };
}

function lapOf(lap: Fields): FitLap {
  return {
    startTime: date(lap['startTime']),
    totalTimeS: number(lap['totalTimerTime']) ?? number(lap['totalElapsedTime']),
    distanceM: number(lap['totalDistance']),
    calories: number(lap['totalCalories']),
    averageHeartRate: number(lap['avgHeartRate']),
    maxHeartRate: number(lap['maxHeartRate']),
    maxSpeedMps: number(lap['enhancedMaxSpeed']) ?? number(lap['maxSpeed']),
    intensity: text(lap['intensity']),
    trigger: text(lap['lapTrigger']),
  };
}
