/** One record message of a FIT file, in the units a track needs (degrees, metres, m/s, bpm, rpm). */
export interface FitPoint {
  time: Date | null;
  latitude: number | null;
  longitude: number | null;
  altitudeM: number | null;
  distanceM: number | null;
  heartRate: number | null;
  cadence: number | null;
  speedMps: number | null;
}

/** One lap message, with the fields a TCX lap needs. */
export interface FitLap {
  startTime: Date | null;
  totalTimeS: number | null;
  distanceM: number | null;
  calories: number | null;
  averageHeartRate: number | null;
  maxHeartRate: number | null;
  maxSpeedMps: number | null;
  /** The SDK's names: active, rest, warmup, … */
  intensity: string | null;
  /** The SDK's names: manual, time, distance, positionStart, … */
  trigger: string | null;
}

/** A decoded FIT activity file: what the converters read (they never see the SDK). */
export interface FitActivity {
  /** The session's sport as the SDK names it (running, cycling, training, …). */
  sport: string | null;
  startTime: Date | null;
  /** One per record message, in file order. */
  points: FitPoint[];
  laps: FitLap[];
  /** The record messages as the SDK decodes them (field name → value), in file order: the CSV's rows. */
  records: Record<string, unknown>[];
}

export const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;
