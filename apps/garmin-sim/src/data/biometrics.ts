import { Account } from '../state/accounts';
import { athleteOf, hrZoneFloors } from './athlete';
import { periodStart } from './equipment';
import { round } from './random';

/** Heart-rate zones, lactate threshold, power-to-weight and FTP: the biometric-service profile records. */

export const HR_ZONE_SPORTS = ['DEFAULT', 'RUNNING', 'CYCLING'] as const;

/**
 * GET /biometric-service/heartRateZones. Recorded (garth test_put.yaml #1): a list of one object per sport with
 * `trainingMethod, restingHeartRateUsed, lactateThresholdHeartRateUsed, zone1Floor..zone5Floor,
 * maxHeartRateUsed, restingHrAutoUpdateUsed, sport, changeState`. The RUNNING and CYCLING entries are assumed
 * (pgc's unit test shows a RUNNING entry).
 */
export function heartRateZones(account: Account) {
  const athlete = athleteOf(account);
  const floors = hrZoneFloors(athlete);
  return HR_ZONE_SPORTS.map((sport) => ({
    trainingMethod: 'HR_RESERVE',
    restingHeartRateUsed: athlete.restingHrUsed,
    lactateThresholdHeartRateUsed: athlete.lactateThresholdHr,
    zone1Floor: floors[0],
    zone2Floor: floors[1],
    zone3Floor: floors[2],
    zone4Floor: floors[3],
    zone5Floor: floors[4],
    maxHeartRateUsed: athlete.maxHr,
    restingHrAutoUpdateUsed: false,
    sport,
    changeState: 'UNCHANGED',
  }));
}

/** The latest lactate threshold is renewed once every 30 days. */
export const lactateThresholdDate = (account: Account, today: string) => periodStart(account, today, 30);

/**
 * GET /biometric-service/biometric/latestLactateThreshold. Reference (pgc get_lactate_threshold): "a list of
 * two (or more) nearly identical dicts", one with `speed`, one with `heartRate`, each with `userProfilePK,
 * version, calendarDate, sequence`.
 */
export function latestLactateThreshold(account: Account, today: string) {
  const athlete = athleteOf(account);
  const calendarDate = lactateThresholdDate(account, today);
  const base = { userProfilePK: account.profileId, version: 1, calendarDate, sequence: Date.parse(`${calendarDate}T08:00:00Z`) };
  return [
    { ...base, speed: athlete.lactateThresholdSpeed, heartRate: null, heartRateCycling: null },
    { ...base, speed: null, heartRate: athlete.lactateThresholdHr, heartRateCycling: null },
  ];
}

/** The latest cycling FTP is renewed once every 45 days. */
export const ftpDate = (account: Account, today: string) => periodStart(account, today, 45);

/** GET /biometric-service/biometric/latestFunctionalThresholdPower/CYCLING (pgc get_cycling_ftp; shape assumed). */
export function latestCyclingFtp(account: Account, today: string) {
  const athlete = athleteOf(account);
  return {
    userProfilePk: account.profileId,
    calendarDate: ftpDate(account, today),
    sport: 'CYCLING',
    functionalThresholdPower: athlete.ftpWatts,
    weight: athlete.weightKg,
    powerToWeight: round(athlete.ftpWatts / athlete.weightKg, 2),
    isStale: false,
    origin: 'AUTO_DETECTED',
  };
}

/**
 * GET /biometric-service/biometric/powerToWeight/latest/{date}?sport=Running (pgc get_lactate_threshold calls
 * it; it accepts a list or an object, and reads nothing of it by name). Running power assumed 1.3 × FTP.
 */
export function powerToWeight(account: Account, today: string) {
  const athlete = athleteOf(account);
  const power = Math.round(athlete.ftpWatts * 1.3);
  return [{ userProfilePk: account.profileId, calendarDate: lactateThresholdDate(account, today), sport: 'RUNNING', functionalThresholdPower: power, weight: athlete.weightKg, powerToWeight: round(power / athlete.weightKg, 2), isStale: false, origin: 'AUTO_DETECTED' }];
}
