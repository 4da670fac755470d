import type { ActivityDetailView } from '@fittrack/contracts';

/** Garmin's JSON read safely: the stored shape is Garmin's, so every field may be absent or of another type. */
type Json = Record<string, unknown>;
const object = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export interface ActivityFigures {
  distanceM: number | null;
  durationS: number | null;
  movingS: number | null;
  averageSpeed: number | null;
  averageHr: number | null;
  maxHr: number | null;
  calories: number | null;
  elevationGain: number | null;
  elevationLoss: number | null;
  startTimeLocal: string | null;
  /** The watch's time zone (Garmin's timeZoneUnitDTO), e.g. "Europe/Berlin". */
  timeZone: string | null;
}

/** The headline figures: the detail's `summaryDTO` first (Garmin's full record), else the list entry, else our columns. */
export function figuresOf(activity: ActivityDetailView): ActivityFigures {
  const detail = object(activity.detail) ?? {};
  const dto = object(detail['summaryDTO']) ?? {};
  const entry = activity.summary;
  const pick = (key: string) => number(dto[key]) ?? number(entry[key]);
  const local = dto['startTimeLocal'] ?? entry['startTimeLocal'];
  const zone = object(detail['timeZoneUnitDTO'])?.['timeZone'];
  return {
    distanceM: pick('distance') ?? activity.distanceM,
    durationS: pick('duration') ?? activity.durationS,
    movingS: pick('movingDuration'),
    averageSpeed: pick('averageSpeed'),
    averageHr: pick('averageHR') ?? activity.averageHr,
    maxHr: pick('maxHR'),
    calories: pick('calories') ?? activity.calories,
    elevationGain: pick('elevationGain'),
    elevationLoss: pick('elevationLoss'),
    startTimeLocal: typeof local === 'string' ? local : null,
    timeZone: typeof zone === 'string' ? zone : null,
  };
}

export interface Lap {
  index: number;
  distanceM: number | null;
  durationS: number | null;
  averageSpeed: number | null;
  averageHr: number | null;
  maxHr: number | null;
  elevationGain: number | null;
  calories: number | null;
}

/** The laps of the `activity_splits` part: Garmin's `/splits` answer, `{ activityId, lapDTOs: [...], eventDTOs }`. */
export function lapsOf(activity: ActivityDetailView): Lap[] {
  const laps = object(activity.parts['activity_splits'])?.['lapDTOs'];
  if (!Array.isArray(laps)) return [];
  return laps.flatMap((raw, i) => {
    const lap = object(raw);
    if (!lap) return [];
    return [
      {
        index: number(lap['lapIndex']) ?? i + 1,
        distanceM: number(lap['distance']),
        durationS: number(lap['duration']),
        averageSpeed: number(lap['averageSpeed']),
        averageHr: number(lap['averageHR']),
        maxHr: number(lap['maxHR']),
        elevationGain: number(lap['elevationGain']),
        calories: number(lap['calories']),
      },
    ];
  });
}

/** Seconds in zones 1 to 5, or null when none were recorded. */
export type ZoneSeconds = number[] | null;

/**
 * Time in heart-rate and power zones. The worker stores the `activity_zones` part as `{ hr: [z1..z5], power: [z1..z5] }`
 * (a missing zone null), taken from the list entry's `hrTimeInZone_1..5` / `powerTimeInZone_1..5`; when the part was
 * not synced, those list entry fields are read directly.
 */
export function zonesOf(activity: ActivityDetailView): { hr: ZoneSeconds; power: ZoneSeconds } {
  const part = object(activity.parts['activity_zones']);
  const fromEntry = (field: string) => [1, 2, 3, 4, 5].map((zone) => activity.summary[`${field}_${zone}`]);
  const seconds = (values: unknown): ZoneSeconds => {
    if (!Array.isArray(values)) return null;
    const zones = values.map((value) => number(value) ?? 0);
    return zones.some((value) => value > 0) ? zones : null;
  };
  return part ? { hr: seconds(part['hr']), power: seconds(part['power']) } : { hr: seconds(fromEntry('hrTimeInZone')), power: seconds(fromEntry('powerTimeInZone')) };
}
