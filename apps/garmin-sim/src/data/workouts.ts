import { Account } from '../state/accounts';
import { intBetween, pick, seeded } from './random';

export type Workout = Record<string, unknown> & { workoutId: number; ownerId: number };

const SPORTS = [
  { sportTypeId: 1, sportTypeKey: 'running', displayOrder: 1 },
  { sportTypeId: 2, sportTypeKey: 'cycling', displayOrder: 2 },
  { sportTypeId: 5, sportTypeKey: 'strength_training', displayOrder: 5 },
];

function step(order: number, stepKey: 'warmup' | 'interval' | 'cooldown', seconds: number) {
  return {
    type: 'ExecutableStepDTO',
    stepId: order,
    stepOrder: order,
    stepType: { stepTypeId: stepKey === 'warmup' ? 1 : stepKey === 'cooldown' ? 2 : 3, stepTypeKey: stepKey, displayOrder: order },
    endCondition: { conditionTypeId: 2, conditionTypeKey: 'time', displayOrder: 2, displayable: true },
    endConditionValue: seconds,
    targetType: { workoutTargetTypeId: 1, workoutTargetTypeKey: 'no.target', displayOrder: 1 },
  };
}

/** A workout in the shape of workout-service (npm IWorkout plus segments and steps). */
export function workoutShape(account: Account, workoutId: number, name: string, sport: (typeof SPORTS)[number], minutes: number, createdMs: number): Workout {
  const warmup = 600;
  const cooldown = 300;
  return {
    workoutId,
    ownerId: account.profileId,
    workoutName: name,
    description: null,
    updateDate: new Date(createdMs).toISOString().slice(0, 19) + '.0',
    createdDate: new Date(createdMs).toISOString().slice(0, 19) + '.0',
    sportType: sport,
    trainingPlanId: null,
    author: { userProfilePk: account.profileId, displayName: account.displayName, fullName: account.fullName },
    estimatedDurationInSecs: minutes * 60,
    estimatedDistanceInMeters: null,
    workoutProvider: null,
    shared: false,
    workoutSegments: [
      {
        segmentOrder: 1,
        sportType: sport,
        workoutSteps: [step(1, 'warmup', warmup), step(2, 'interval', minutes * 60 - warmup - cooldown), step(3, 'cooldown', cooldown)],
      },
    ],
  };
}

/** The account's saved workouts before any client creates one. */
export function initialWorkouts(seed: string, account: Account, today: string): Workout[] {
  const noonMs = Date.parse(`${today}T12:00:00Z`);
  const random = seeded(seed, account.profileId, 'workouts');
  return Array.from({ length: 3 + (account.profileId % 3) }, (_, i) => {
    const sport = pick(random, SPORTS);
    const minutes = intBetween(random, 30, 75);
    return workoutShape(account, 900_000_000 + (account.profileId % 100_000) * 100 + i, `${sport.sportTypeKey} ${minutes} min`, sport, minutes, noonMs - (i + 1) * 7 * 86_400_000);
  });
}

export { SPORTS as WORKOUT_SPORTS };
