import { Account } from '../state/accounts';

/**
 * The account's slowly changing physiology, from which the profile records (zones, thresholds) and the
 * training metrics are derived, so that they agree with each other (zones with an activity's time in zones).
 * All derived from the profile id: the same account is the same athlete on every run.
 */
export interface Athlete {
  age: number;
  maxHr: number;
  restingHrUsed: number;
  lactateThresholdHr: number;
  /** Garmin's lactate threshold speed field (the endpoint's own unit; assumed ~ m/s ÷ 10). */
  lactateThresholdSpeed: number;
  vo2MaxBase: number;
  ftpWatts: number;
  weightKg: number;
}

export function athleteOf(account: Account): Athlete {
  const id = account.profileId;
  const age = 25 + (id % 30);
  const maxHr = Math.round(208 - 0.7 * age);
  return {
    age,
    maxHr,
    restingHrUsed: 46 + (id % 9),
    lactateThresholdHr: Math.round(maxHr * 0.9),
    lactateThresholdSpeed: Math.round((0.3 + (id % 10) / 100) * 1000) / 1000,
    vo2MaxBase: 40 + (id % 14),
    ftpWatts: 170 + (id % 16) * 10,
    weightKg: (60_000 + (id % 25) * 1000) / 1000,
  };
}

/** Heart-rate zone floors (bpm) by the heart-rate-reserve method: 50/60/70/80/90 % of the reserve. */
export function hrZoneFloors(athlete: Athlete): number[] {
  const reserve = athlete.maxHr - athlete.restingHrUsed;
  return [0.5, 0.6, 0.7, 0.8, 0.9].map((share) => Math.round(athlete.restingHrUsed + reserve * share));
}

/** Power zone floors (W) from FTP (assumed Coggan-like shares; the list entry carries five zones). */
export function powerZoneFloors(athlete: Athlete): number[] {
  return [0, 0.56, 0.76, 0.91, 1.06].map((share) => Math.round(athlete.ftpWatts * share));
}

/** Splits an integer total over weights so that the parts are integers summing exactly to the total. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w / sum) * total);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byFraction = raw.map((r, i) => ({ i, f: r - Math.floor(r) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byFraction.length, left--) parts[byFraction[k].i]++;
  return parts;
}
