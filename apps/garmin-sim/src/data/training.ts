import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { athleteOf } from './athlete';
import { daysBetween } from './calendar';
import { round } from './random';

/**
 * VO2 max (metrics-service maxmet) and race predictions. Both follow one slow curve per account, so the
 * predictions improve as VO2 max does. Shapes assumed beyond the headline keys of ../../README.md.
 */

/** The account's VO2 max on a date: its base, a 120-day wave of ±2 and a small day-to-day wobble. */
export function vo2MaxOn(account: Account, date: string): number {
  const t = daysBetween('2000-01-01', date);
  return round(athleteOf(account).vo2MaxBase + 2 * Math.sin((t / 120) * Math.PI * 2) + 0.3 * Math.sin(t * 1.7), 1);
}

const isRun = (a: GeneratedActivity) => a.kind.sportTypeId === 1;
const isRide = (a: GeneratedActivity) => a.kind.sportTypeId === 2;

/** Garmin updates VO2 max on days with a run (generic) or a ride (cycling); other days have no entry. */
export function vo2MaxEntry(account: Account, date: string, activities: GeneratedActivity[]) {
  const run = activities.some(isRun);
  const ride = activities.some(isRide);
  if (!run && !ride) return null;
  const value = vo2MaxOn(account, date);
  const measure = (precise: number) => ({ calendarDate: date, vo2MaxPreciseValue: precise, vo2MaxValue: Math.round(precise), fitnessAge: null, fitnessAgeDescription: null, maxMetCategory: 0 });
  return {
    userId: account.profileId,
    generic: run ? measure(value) : null,
    cycling: ride ? measure(round(value - 1.5, 1)) : null,
    heatAltitudeAcclimation: null,
  };
}

export interface RacePrediction {
  time5K: number;
  time10K: number;
  timeHalfMarathon: number;
  timeMarathon: number;
}

/** Seconds, from the day's VO2 max (Riegel-like ratios between distances). */
export function racePredictionOn(account: Account, date: string): RacePrediction {
  const time5K = Math.round(1500 - (vo2MaxOn(account, date) - 40) * 28);
  return { time5K, time10K: Math.round(time5K * 2.085), timeHalfMarathon: Math.round(time5K * 4.6), timeMarathon: Math.round(time5K * 9.7) };
}

/** One entry of GET /metrics-service/metrics/racepredictions/daily/{dn} (and the latest answer's shape). */
export function racePredictionEntry(account: Account, date: string) {
  return { userId: account.profileId, fromCalendarDate: null, toCalendarDate: null, calendarDate: date, ...racePredictionOn(account, date) };
}
