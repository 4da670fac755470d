import { GeneratedActivity } from './activities';
import { dotted } from './calendar';
import { between, intBetween, pick, round, seeded } from './random';

/** Weather at an activity's start, and a strength session's exercise sets. */

const COMPASS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'];
const WEATHER_TYPES = [
  { weatherTypePk: 1, desc: 'Clear', image: '01.png' },
  { weatherTypePk: 2, desc: 'Partly Cloudy', image: '02.png' },
  { weatherTypePk: 3, desc: 'Cloudy', image: '03.png' },
  { weatherTypePk: 9, desc: 'Light Rain', image: '09.png' },
];

/** Celsius at the activity's start (for the oracle-free checks; Garmin's answer is in °F). */
export function weatherTempC(activity: GeneratedActivity): number {
  const month = new Date(activity.startMs).getUTCMonth();
  const season = -Math.cos(((month + 0.5) / 12) * Math.PI * 2);
  return round(11 + season * 10 + seeded(activity.activityId, 'weather')() * 6 - 3, 0);
}

/** GET /activity-service/activity/{id}/weather (pgc get_activity_weather; shape assumed; temperatures in °F). */
export function activityWeather(activity: GeneratedActivity) {
  const random = seeded(activity.activityId, 'weather-details');
  const tempF = Math.round((weatherTempC(activity) * 9) / 5 + 32);
  const windDirection = intBetween(random, 0, 359);
  return {
    issueDate: dotted(Math.floor(activity.startMs / 3600_000) * 3600_000),
    temp: tempF,
    apparentTemp: tempF - intBetween(random, 0, 4),
    dewPoint: tempF - intBetween(random, 4, 15),
    relativeHumidity: intBetween(random, 40, 95),
    windDirection,
    windDirectionCompassPoint: COMPASS[Math.round(windDirection / 22.5) % 16].toLowerCase(),
    windSpeed: intBetween(random, 0, 20),
    windGust: null,
    latitude: 52.52,
    longitude: 13.405,
    weatherStationDTO: { id: 'SIM0001', name: 'Simulated Park', timezone: null },
    weatherTypeDTO: { ...pick(random, WEATHER_TYPES), weatherTypeId: null },
  };
}

export const isStrength = (activity: GeneratedActivity) => activity.kind.typeKey === 'strength_training';

const EXERCISES = [
  { category: 'SQUAT', name: 'GOBLET_SQUAT' },
  { category: 'BENCH_PRESS', name: 'DUMBBELL_BENCH_PRESS' },
  { category: 'ROW', name: 'DUMBBELL_ROW' },
  { category: 'DEADLIFT', name: 'ROMANIAN_DEADLIFT' },
  { category: 'PLANK', name: 'PLANK' },
];

/**
 * GET /activity-service/activity/{id}/exerciseSets for a strength activity: active sets with a rest after each.
 * Shape reference: pgc PR #368 (set_activity_exercise_sets posts "the same shape as the response": `exercises
 * [{category, name, probability}], duration, repetitionCount, weight, setType, startTime, wktStepIndex,
 * messageIndex`). Other activities: see the route (204).
 */
export function exerciseSets(activity: GeneratedActivity) {
  const random = seeded(activity.activityId, 'exercise-sets');
  const activeCount = intBetween(random, 6, 12);
  const slot = activity.durationS / (activeCount * 2);
  const sets = [];
  for (let i = 0; i < activeCount * 2; i++) {
    const active = i % 2 === 0;
    const exercise = EXERCISES[Math.floor(i / 6) % EXERCISES.length];
    sets.push({
      exercises: active ? [{ ...exercise, probability: round(between(random, 70, 100), 1) }] : [],
      duration: round(slot, 3),
      repetitionCount: active ? intBetween(random, 6, 15) : null,
      weight: active ? intBetween(random, 8, 60) : null,
      setType: active ? 'ACTIVE' : 'REST',
      startTime: dotted(activity.startMs + Math.round(i * slot * 1000)),
      wktStepIndex: null,
      messageIndex: i,
    });
  }
  return { activityId: activity.activityId, exerciseSets: sets };
}
