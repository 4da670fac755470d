import { Encoder, Mesg, Profile } from '@garmin/fitsdk';
import { zipSync } from 'fflate';
import { GeneratedActivity } from './activities';
import { seeded, intBetween } from './random';

const SPORT_OF: Record<number, string> = { 1: 'running', 2: 'cycling', 4: 'training', 5: 'swimming', 11: 'walking' };

/**
 * The original file of an activity: a FIT activity file (file id, a record
 * every 10 s with heart rate and distance, a lap, a session, the activity)
 * as Garmin's SDK encodes it, with header and CRC, zipped as
 * download-service serves it (`{id}_ACTIVITY.fit` inside).
 */
export function activityFit(activity: GeneratedActivity): Uint8Array {
  const random = seeded(activity.activityId, 'fit');
  const start = new Date(activity.startMs);
  const end = new Date(activity.startMs + activity.durationS * 1000);
  const encoder = new Encoder();
  // Field names follow the SDK's profile (camelCase); its typings only know the generic Mesg.
  const write = (mesgNum: number, fields: Record<string, unknown>) => encoder.onMesg(mesgNum, fields as unknown as Mesg);
  write(Profile.MesgNum.FILE_ID, { manufacturer: 'garmin', product: 3113, serialNumber: activity.profileId, timeCreated: start, type: 'activity' });
  write(Profile.MesgNum.EVENT, { timestamp: start, event: 'timer', eventType: 'start' });
  const samples = Math.max(1, Math.floor(activity.durationS / 10));
  for (let i = 0; i <= samples; i++) {
    write(Profile.MesgNum.RECORD, {
      timestamp: new Date(activity.startMs + i * 10_000),
      heartRate: intBetween(random, activity.averageHr - 10, activity.maxHr),
      distance: (activity.distanceM * i) / samples,
    });
  }
  write(Profile.MesgNum.EVENT, { timestamp: end, event: 'timer', eventType: 'stopAll' });
  const totals = {
    timestamp: end,
    startTime: start,
    totalElapsedTime: activity.durationS,
    totalTimerTime: activity.durationS,
    totalDistance: activity.distanceM,
    totalCalories: activity.calories,
    avgHeartRate: activity.averageHr,
    maxHeartRate: activity.maxHr,
    sport: SPORT_OF[activity.kind.sportTypeId] ?? 'generic',
  };
  write(Profile.MesgNum.LAP, { ...totals, messageIndex: 0 });
  write(Profile.MesgNum.SESSION, { ...totals, messageIndex: 0, firstLapIndex: 0, numLaps: 1 });
  write(Profile.MesgNum.ACTIVITY, { timestamp: end, numSessions: 1, totalTimerTime: activity.durationS, type: 'manual' });
  return encoder.close();
}

export function activityZip(activity: GeneratedActivity): Uint8Array {
  return zipSync({ [`${activity.activityId}_ACTIVITY.fit`]: activityFit(activity) });
}
