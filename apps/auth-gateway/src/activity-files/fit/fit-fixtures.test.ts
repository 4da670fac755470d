import { Decoder, Encoder, Mesg, Profile, Stream } from '@garmin/fitsdk';
import { SEMICIRCLES_PER_DEGREE } from './fit-activity';

/* Test helpers, not tests: FIT files written with Garmin's SDK encoder the way the simulator writes them,
 * and their record messages decoded by the SDK directly (the converters' own decoding is what is tested). */

export const START = new Date('2026-05-01T05:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const semicircles = (degrees: number) => Math.round(degrees * SEMICIRCLES_PER_DEGREE);

function encode(write: (mesg: (num: number, fields: Record<string, unknown>) => void) => void): Uint8Array {
  const encoder = new Encoder();
  write((num, fields) => encoder.onMesg(num, fields as unknown as Mesg));
  return encoder.close();
}

/** The simulator's FIT (apps/garmin-sim/src/data/fit-file.ts): a record every 10 s with heart rate and distance, no positions. */
export function indoorFit(samples = 12): Uint8Array {
  return encode((write) => {
    write(Profile.MesgNum.FILE_ID, { manufacturer: 'garmin', product: 3113, serialNumber: 42, timeCreated: START, type: 'activity' });
    write(Profile.MesgNum.EVENT, { timestamp: START, event: 'timer', eventType: 'start' });
    for (let i = 0; i <= samples; i++) write(Profile.MesgNum.RECORD, { timestamp: at(i * 10), heartRate: 100 + i, distance: i * 25.5 });
    const totals = { timestamp: at(samples * 10), startTime: START, totalElapsedTime: samples * 10, totalTimerTime: samples * 10, totalDistance: samples * 25.5, totalCalories: 40, avgHeartRate: 106, maxHeartRate: 100 + samples, sport: 'training' };
    write(Profile.MesgNum.LAP, { ...totals, messageIndex: 0 });
    write(Profile.MesgNum.SESSION, { ...totals, messageIndex: 0, firstLapIndex: 0, numLaps: 1 });
    write(Profile.MesgNum.ACTIVITY, { timestamp: at(samples * 10), numSessions: 1, totalTimerTime: samples * 10, type: 'manual' });
  });
}

/** An outdoor FIT of `sport`: positions, altitude, heart rate, cadence and speed each second, two laps; every fifth record without a position (GPS lost). */
export function outdoorFit(sport: 'running' | 'cycling' = 'running', seconds = 40): Uint8Array {
  return encode((write) => {
    write(Profile.MesgNum.FILE_ID, { manufacturer: 'garmin', product: 3113, serialNumber: 43, timeCreated: START, type: 'activity' });
    for (let i = 0; i <= seconds; i++) {
      const position = i % 5 === 4 ? {} : { positionLat: semicircles(47.3769 + i * 0.00011), positionLong: semicircles(8.5417 - i * 0.000073) };
      write(Profile.MesgNum.RECORD, { timestamp: at(i), ...position, altitude: 408 + i * 0.4, heartRate: 120 + (i % 30), cadence: 80 + (i % 7), distance: i * 3.2, speed: 3.2 });
    }
    const half = Math.floor(seconds / 2);
    const lap = (index: number, from: number, to: number) => ({
      messageIndex: index,
      timestamp: at(to),
      startTime: at(from),
      totalElapsedTime: to - from,
      totalTimerTime: to - from,
      totalDistance: (to - from) * 3.2,
      totalCalories: 10 + index,
      avgHeartRate: 130,
      maxHeartRate: 149,
      maxSpeed: 3.4,
      intensity: index === 0 ? 'active' : 'rest',
      lapTrigger: index === 0 ? 'distance' : 'manual',
      sport,
    });
    write(Profile.MesgNum.LAP, lap(0, 0, half));
    write(Profile.MesgNum.LAP, lap(1, half + 1, seconds));
    write(Profile.MesgNum.SESSION, { messageIndex: 0, timestamp: at(seconds), startTime: START, totalElapsedTime: seconds, totalTimerTime: seconds, sport, firstLapIndex: 0, numLaps: 2 });
    write(Profile.MesgNum.ACTIVITY, { timestamp: at(seconds), numSessions: 1, totalTimerTime: seconds, type: 'manual' });
  });
}

/** The record messages as the SDK decodes them, straight from the bytes. */
export function recordsOf(bytes: Uint8Array): Record<string, unknown>[] {
  const { messages, errors } = new Decoder(Stream.fromByteArray(bytes)).read();
  if (errors.length > 0) throw errors[0];
  return (messages.recordMesgs ?? []) as Record<string, unknown>[];
}

/** What a trkpt/Trackpoint must show of a record: degrees, metres, bpm, rpm, the instant. */
export function expectedPoint(record: Record<string, unknown>) {
  const n = (key: string) => (typeof record[key] === 'number' ? (record[key] as number) : undefined);
  return {
    time: (record['timestamp'] as Date).getTime(),
    lat: n('positionLat') === undefined ? undefined : (n('positionLat') as number) / SEMICIRCLES_PER_DEGREE,
    lon: n('positionLong') === undefined ? undefined : (n('positionLong') as number) / SEMICIRCLES_PER_DEGREE,
    ele: n('enhancedAltitude') ?? n('altitude'),
    distance: n('distance'),
    hr: n('heartRate'),
    cad: n('cadence'),
  };
}

/** The inner text of each <tag>…</tag> (no attributes, not nested in itself). */
export function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
}

export function valueIn(xml: string, tag: string): string | undefined {
  return elements(xml, tag)[0];
}
