import { GeneratedActivity } from './activities';
import type { DayFacts } from './daily';
import { intBetween } from './random';

/** Garmin's stress and body-battery samples come every three minutes (recorded: data/test_daily_body_battery_stress_*). */
export const SAMPLE_MS = 180_000;

/** Recorded stress codes (garth test_daily_body_battery_stress_get_incomplete_data.yaml): -1 off wrist, -2 in an activity. */
export const OFF_WRIST = -1;
export const IN_ACTIVITY = -2;

export interface StressSeries {
  /** [timestamp, level] with -1/-2 codes where no level was measured. */
  stress: [number, number][];
  /** [timestamp, status, level, version]: status and level null while off wrist (recorded, same cassette). */
  bodyBattery: [number, string | null, number | null, number][];
}

/** The afternoon hour the watch came off (charging), when it did: about one day in four. */
function offWristWindow(day: DayFacts): [number, number] | undefined {
  const random = day.stream('off-wrist');
  if (random() >= 0.25) return undefined;
  const start = day.dayStartMs + intBetween(random, 13, 16) * 3600_000;
  return [start, start + intBetween(random, 2, 6) * 15 * 60_000];
}

/**
 * The day's three-minute samples, consistent with its facts: the measured stress levels average exactly
 * `avgStress` and peak at `maxStress`; body battery charges overnight to `bodyBatteryHigh` at wake-up and drains
 * to `bodyBatteryLow` by midnight.
 */
export function stressSeries(day: DayFacts, activities: GeneratedActivity[]): StressSeries {
  const random = day.stream('stress');
  const offWrist = offWristWindow(day);
  const isOff = (t: number) => offWrist !== undefined && t >= offWrist[0] && t < offWrist[1];
  const inActivity = (t: number) => activities.some((a) => t >= a.startMs && t < a.startMs + a.durationS * 1000);
  const times: number[] = [];
  for (let t = day.dayStartMs; t < day.dayEndMs; t += SAMPLE_MS) times.push(t);

  const measured = times.map((t) => !isOff(t) && !inActivity(t));
  const levels = times.map(() => day.avgStress);
  const open = times.map((_, i) => i).filter((i) => measured[i]);
  for (let k = 0; k + 1 < open.length; k += 2) {
    const d = intBetween(random, 0, 14);
    levels[open[k]] += d;
    levels[open[k + 1]] -= d;
  }
  // One peak at maxStress, its excess taken one point at a time from other samples: the mean stays avgStress.
  if (open.length > 1) {
    const peak = open[Math.floor(random() * open.length)];
    let excess = day.maxStress - levels[peak];
    levels[peak] = day.maxStress;
    for (let k = 0; excess > 0; k = (k + 1) % open.length) {
      if (open[k] !== peak && levels[open[k]] > 0) {
        levels[open[k]]--;
        excess--;
      }
    }
  }
  const stress = times.map((t, i): [number, number] => [t, isOff(t) ? OFF_WRIST : inActivity(t) ? IN_ACTIVITY : levels[i]]);

  const wakeMs = day.sleepStartMs + day.sleepSeconds * 1000;
  const peakAt = times.find((t) => t >= wakeMs) ?? times[times.length - 1];
  const lastAt = times[times.length - 1];
  const startLevel = day.bodyBatteryLow + Math.round((day.bodyBatteryHigh - day.bodyBatteryLow) * 0.3);
  const { bodyBatteryHigh: high, bodyBatteryLow: low } = day;
  let reset = false;
  const bodyBattery = times.map((t): [number, string | null, number | null, number] => {
    if (isOff(t)) {
      reset = true;
      return [t, null, null, 2.0];
    }
    const level =
      t <= peakAt
        ? Math.round(startLevel + ((high - startLevel) * (t - day.dayStartMs)) / Math.max(1, peakAt - day.dayStartMs))
        : Math.round(high - ((high - low) * (t - peakAt)) / Math.max(1, lastAt - peakAt));
    const status = reset ? 'RESET' : 'MEASURED';
    reset = false;
    return [t, status, level, 2.0];
  });
  return { stress, bodyBattery };
}
