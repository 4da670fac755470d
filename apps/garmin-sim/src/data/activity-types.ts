export interface ActivityKind {
  typeKey: string;
  typeId: number;
  parentTypeId: number;
  sportTypeId: number;
  /** Metres per second, or 0 for activities without distance. */
  speed: [number, number];
  minutes: [number, number];
  heartRate: [number, number];
  names: string[];
  /** Relative frequency. */
  weight: number;
}

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  { typeKey: 'running', typeId: 1, parentTypeId: 17, sportTypeId: 1, speed: [2.6, 3.6], minutes: [25, 75], heartRate: [135, 165], names: ['Morning Run', 'Easy Run', 'Tempo Run'], weight: 5 },
  { typeKey: 'trail_running', typeId: 6, parentTypeId: 1, sportTypeId: 1, speed: [1.8, 2.8], minutes: [40, 120], heartRate: [135, 160], names: ['Trail Run'], weight: 1 },
  { typeKey: 'cycling', typeId: 2, parentTypeId: 17, sportTypeId: 2, speed: [6, 9], minutes: [45, 180], heartRate: [120, 150], names: ['Road Ride', 'Commute'], weight: 3 },
  { typeKey: 'walking', typeId: 9, parentTypeId: 17, sportTypeId: 11, speed: [1.1, 1.6], minutes: [20, 90], heartRate: [90, 115], names: ['Walk'], weight: 3 },
  { typeKey: 'lap_swimming', typeId: 27, parentTypeId: 26, sportTypeId: 5, speed: [0.6, 1.0], minutes: [25, 60], heartRate: [120, 145], names: ['Pool Swim'], weight: 1 },
  { typeKey: 'strength_training', typeId: 13, parentTypeId: 29, sportTypeId: 4, speed: [0, 0], minutes: [30, 60], heartRate: [100, 130], names: ['Strength'], weight: 2 },
];

const TOTAL_WEIGHT = ACTIVITY_KINDS.reduce((sum, kind) => sum + kind.weight, 0);

export function kindAt(fraction: number): ActivityKind {
  let left = fraction * TOTAL_WEIGHT;
  for (const kind of ACTIVITY_KINDS) {
    left -= kind.weight;
    if (left < 0) return kind;
  }
  return ACTIVITY_KINDS[0];
}

export function activityTypeDto(kind: ActivityKind) {
  return { typeId: kind.typeId, typeKey: kind.typeKey, parentTypeId: kind.parentTypeId, isHidden: false, restricted: false, trimmable: true };
}
