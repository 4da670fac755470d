import { ActivitySummary } from '@fittrack/garmin';
import { fakeConnect } from '../../../../test/support/kind-run';
import { activityExerciseSets, activitySplits, activityWeather, activityZones, ACTIVITY_PARTS, partsFor } from './activity-parts';

const entry = (id: number, typeKey: string, extra: Record<string, unknown> = {}): ActivitySummary => ({
  activityId: id,
  activityName: typeKey,
  startTimeLocal: '2026-05-01 07:00:00',
  startTimeGMT: '2026-05-01 05:00:00',
  activityType: { typeId: 1, typeKey },
  beginTimestamp: 0,
  ...extra,
});

/** Zone figures of the recorded activity list (../shared connect/activity_list.yaml): a trail run with a power meter, a hike without. */
const TRAIL_RUN = entry(21482825013, 'trail_running', {
  hrTimeInZone_1: 376.545, hrTimeInZone_2: 1601.888, hrTimeInZone_3: 233.231, hrTimeInZone_4: 10.999, hrTimeInZone_5: 0.0,
  powerTimeInZone_1: 518.883, powerTimeInZone_2: 93.008, powerTimeInZone_3: 40.999, powerTimeInZone_4: 73.002, powerTimeInZone_5: 39.998,
});
const HIKE = entry(21461718086, 'hiking', { hrTimeInZone_1: 609.999, hrTimeInZone_2: 464.306, hrTimeInZone_3: 377.757, hrTimeInZone_4: 0.0, hrTimeInZone_5: 0.0 });

describe('activity parts', () => {
  it('activity_zones: seconds in HR and power zones from the list entry, asking Garmin nothing', async () => {
    const { api, paths } = fakeConnect({});
    expect(await activityZones.fetch(api, TRAIL_RUN)).toEqual({ hr: [376.545, 1601.888, 233.231, 10.999, 0], power: [518.883, 93.008, 40.999, 73.002, 39.998] });
    expect(await activityZones.fetch(api, HIKE)).toEqual({ hr: [609.999, 464.306, 377.757, 0, 0], power: null });
    expect(await activityZones.fetch(api, entry(1, 'strength_training', { hrTimeInZone_2: 60 }))).toEqual({ hr: [null, 60, null, null, null], power: null });
    expect(await activityZones.fetch(api, entry(2, 'yoga'))).toBeNull();
    expect(paths()).toEqual([]);
    expect(activityZones.requests).toBe(0);
  });

  it('activity_splits: the answer when it has laps; none otherwise', async () => {
    const path = '/activity-service/activity/21482825013/splits';
    const splits = { activityId: 21482825013, lapDTOs: [{ startTimeGMT: '2026-05-01T05:00:00.0', distance: 1000, duration: 301.2, lapIndex: 1 }], eventDTOs: [] };
    expect(await activitySplits.fetch(fakeConnect({ [path]: splits }).api, TRAIL_RUN)).toEqual(splits);
    for (const none of [null, {}, { activityId: 21482825013, lapDTOs: [] }]) expect(await activitySplits.fetch(fakeConnect({ [path]: none }).api, TRAIL_RUN)).toBeNull();
  });

  it('activity_exercise_sets: strength training only; none without sets', async () => {
    const strength = entry(7, 'strength_training');
    const path = '/activity-service/activity/7/exerciseSets';
    const sets = { activityId: 7, exerciseSets: [{ setType: 'ACTIVE', repetitionCount: 10, weight: 40_000, exercises: [{ category: 'BENCH_PRESS', name: null }] }] };
    expect(activityExerciseSets.appliesTo(strength)).toBe(true);
    expect(activityExerciseSets.appliesTo(TRAIL_RUN)).toBe(false);
    expect(await activityExerciseSets.fetch(fakeConnect({ [path]: sets }).api, strength)).toEqual(sets);
    for (const none of [null, { activityId: 7, exerciseSets: null }, { activityId: 7, exerciseSets: [] }]) {
      expect(await activityExerciseSets.fetch(fakeConnect({ [path]: none }).api, strength)).toBeNull();
    }
  });

  it('activity_weather: the object; null (404) or {} is none', async () => {
    const path = '/activity-service/activity/21461718086/weather';
    const weather = { issueDate: '2026-05-01T05:00:00', temp: 61, relativeHumidity: 71, windSpeed: 6, weatherTypeDTO: { desc: 'Cloudy' } };
    expect(await activityWeather.fetch(fakeConnect({ [path]: weather }).api, HIKE)).toEqual(weather);
    for (const none of [null, {}]) expect(await activityWeather.fetch(fakeConnect({ [path]: none }).api, HIKE)).toBeNull();
  });

  it('a job asks the selected parts that apply, one registry entry per part kind', () => {
    expect(new Set(ACTIVITY_PARTS.map((p) => p.kind)).size).toBe(ACTIVITY_PARTS.length);
    const every = new Set(['activity_zones', 'activity_splits', 'activity_exercise_sets', 'activity_weather'] as const);
    expect(partsFor(every, entry(1, 'strength_training')).map((p) => p.kind)).toEqual(['activity_zones', 'activity_splits', 'activity_exercise_sets', 'activity_weather']);
    expect(partsFor(every, TRAIL_RUN).map((p) => p.kind)).toEqual(['activity_zones', 'activity_splits', 'activity_weather']);
    expect(partsFor(new Set(['activities', 'activity_splits']), TRAIL_RUN).map((p) => p.kind)).toEqual(['activity_splits']);
  });
});
