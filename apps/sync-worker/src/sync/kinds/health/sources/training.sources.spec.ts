import { answering, contextFor, replaying } from './garmin-answers.test';
import { enduranceScore, fitnessAge, hillScore, racePredictionsRange, trainingReadiness, trainingStatusRange, vo2maxRange } from './training.sources';

type Snapshot = { calendarDate: string; timestamp: string; inputContext: string | null; score: number };

describe('training readiness (recorded)', () => {
  it('gives the newest snapshot as the day’s readiness and the after-wake-up one as its morning readiness, from one request', async () => {
    const fake = replaying('garth/data/test_training_readiness_data_list.yaml');
    const { days } = await trainingReadiness.fetch(contextFor(fake), '2025-07-07', '2025-07-07');
    expect(fake.requests).toEqual(['/metrics-service/metrics/trainingreadiness/2025-07-07']);
    expect(days.map((d) => [d.date, d.metric, d.value])).toEqual([
      ['2025-07-07', 'training_readiness', 50],
      ['2025-07-07', 'training_readiness_morning', 80],
    ]);
    const [latest, morning] = days.map((d) => d.raw as Snapshot);
    expect([latest.timestamp, latest.inputContext]).toEqual(['2025-07-08T03:50:17.0', 'UPDATE_REALTIME_VARIABLES']);
    expect([morning.timestamp, morning.inputContext]).toEqual(['2025-07-07T11:45:17.0', 'AFTER_WAKEUP_RESET']);
  });

  it('takes the newest by timestamp, whatever the order Garmin lists them in', async () => {
    const snapshots: Snapshot[] = [
      { calendarDate: '2025-07-07', timestamp: '2025-07-07T11:45:17.0', inputContext: 'AFTER_WAKEUP_RESET', score: 80 },
      { calendarDate: '2025-07-07', timestamp: '2025-07-07T14:57:05.0', inputContext: 'AFTER_POST_EXERCISE_RESET', score: 32 },
    ];
    const { days } = await trainingReadiness.fetch(contextFor(answering(snapshots)), '2025-07-07', '2025-07-07');
    expect(days.map((d) => [d.metric, d.value])).toEqual([['training_readiness', 32], ['training_readiness_morning', 80]]);
  });

  it('a day whose only snapshot has no input context has a readiness but no morning readiness (as garth reads it)', async () => {
    const fake = replaying('garth/data/test_morning_training_readiness_data_get.yaml');
    const { days } = await trainingReadiness.fetch(contextFor(fake), '2024-07-07', '2024-07-07');
    expect(days.map((d) => [d.date, d.metric, d.value])).toEqual([['2024-07-07', 'training_readiness', 49]]);
    expect((days[0].raw as Snapshot).inputContext).toBeNull();
  });

  it('stores nothing for `[]` (garth records it for 2030-01-01) or null', async () => {
    expect((await trainingReadiness.fetch(contextFor(answering([])), '2030-01-01', '2030-01-01')).days).toEqual([]);
    expect((await trainingReadiness.fetch(contextFor(answering(null)), '2030-01-01', '2030-01-01')).days).toEqual([]);
  });
});

describe('training status (recorded weekly range)', () => {
  it("stores every day of the range from the primary device's entries", async () => {
    const fake = replaying('garth/stats/test_weekly_training_status.yaml');
    const { days } = await trainingStatusRange.fetch(contextFor(fake), '2025-05-21', '2025-06-11');
    expect(fake.requests).toEqual(['/mobile-gateway/usersummary/trainingstatus/weekly/2025-05-21/2025-06-11']);
    expect(days).toHaveLength(22);
    expect(days[0].date).toBe('2025-05-21');
    expect(days[21].date).toBe('2025-06-11');
    const byDate = Object.fromEntries(days.map((d) => [d.date, d]));
    expect(byDate['2025-05-21'].value).toBe(4);
    expect(byDate['2025-05-22'].value).toBe(7);
    expect(byDate['2025-06-11']).toMatchObject({ metric: 'training_status', value: 7 });
    expect(byDate['2025-06-11'].raw).toMatchObject({ calendarDate: '2025-06-11', deviceId: 3469703076, trainingStatusFeedbackPhrase: 'PRODUCTIVE_6', acuteTrainingLoadDTO: { dailyTrainingLoadAcute: 399 } });
  });

  it('reads a year in one answer (garth recorded one)', async () => {
    const fake = replaying('garth/stats/test_weekly_training_status_pagination.yaml');
    const { days } = await trainingStatusRange.fetch(contextFor(fake), '2024-06-19', '2025-06-11');
    expect(days).toHaveLength(358);
    expect(new Set(days.map((d) => d.date)).size).toBe(358);
  });

  it("prefers the primary device's entry of a day over another device's", async () => {
    const entry = (deviceId: number, calendarDate: string, trainingStatus: number, primaryTrainingDevice: boolean) => ({ calendarDate, deviceId, trainingStatus, primaryTrainingDevice });
    const body = { weeklyTrainingStatus: { payload: { reportData: { 1: [entry(1, '2025-06-01', 2, false), entry(1, '2025-06-02', 3, false)], 2: [entry(2, '2025-06-01', 7, true)] } } } };
    const { days } = await trainingStatusRange.fetch(contextFor(answering(body)), '2025-06-01', '2025-06-02');
    expect(days.map((d) => [d.date, d.value, (d.raw as { deviceId: number }).deviceId])).toEqual([['2025-06-01', 7, 2], ['2025-06-02', 3, 1]]);
  });

  it('stores nothing for `reportData: {}` (the recorded no-data shape) or null', async () => {
    const body = { weeklyTrainingStatus: { payload: { userId: 2591602, fromCalendarDate: '2020-01-01', toCalendarDate: '2020-01-28', recordedDevices: [], reportData: {} } } };
    expect((await trainingStatusRange.fetch(contextFor(answering(body)), '2020-01-01', '2020-01-28')).days).toEqual([]);
    expect((await trainingStatusRange.fetch(contextFor(answering(null)), '2020-01-01', '2020-01-28')).days).toEqual([]);
  });
});

describe('endurance and hill scores (recorded)', () => {
  it("stores the day's overall scores", async () => {
    const fake = replaying('garth/data/test_garmin_scores_data_get.yaml');
    const endurance = await enduranceScore.fetch(contextFor(fake), '2025-07-07', '2025-07-07');
    const hill = await hillScore.fetch(contextFor(fake), '2025-07-07', '2025-07-07');
    expect(fake.requests).toEqual(['/metrics-service/metrics/endurancescore?calendarDate=2025-07-07', '/metrics-service/metrics/hillscore?calendarDate=2025-07-07']);
    expect(endurance.days.map((d) => [d.date, d.metric, d.value])).toEqual([['2025-07-07', 'endurance_score', 4820]]);
    expect(endurance.days[0].raw).toMatchObject({ calendarDate: '2025-07-07', classification: 1, classificationLowerLimitElite: 8800 });
    expect(hill.days.map((d) => [d.date, d.metric, d.value])).toEqual([['2025-07-07', 'hill_score', 20]]);
    expect(hill.days[0].raw).toMatchObject({ strengthScore: 2, enduranceScore: 15 });
  });

  it('stores nothing for the recorded 204', async () => {
    const fake = replaying('garth/data/test_garmin_scores_data_get.yaml');
    expect((await enduranceScore.fetch(contextFor(fake), '2024-07-07', '2024-07-07')).days).toEqual([]);
    expect((await hillScore.fetch(contextFor(fake), '2024-07-07', '2024-07-07')).days).toEqual([]);
  });
});

describe('VO2 max (pgc get_max_metrics_range)', () => {
  it("stores each day's generic precise value, and a cycling-only day's cycling one", async () => {
    const running = { userId: 2591602, generic: { calendarDate: '2026-03-02', vo2MaxPreciseValue: 44.5, vo2MaxValue: 45, fitnessAge: null }, cycling: null };
    const cycling = { userId: 2591602, generic: null, cycling: { calendarDate: '2026-03-03', vo2MaxPreciseValue: 50.1, vo2MaxValue: 50 } };
    const fake = answering([running, cycling]);
    const { days } = await vo2maxRange.fetch(contextFor(fake), '2026-03-01', '2026-03-28');
    expect(fake.requests).toEqual(['/metrics-service/metrics/maxmet/daily/2026-03-01/2026-03-28']);
    expect(days).toEqual([
      { date: '2026-03-02', metric: 'vo2max', value: 44.5, raw: running },
      { date: '2026-03-03', metric: 'vo2max', value: 50.1, raw: cycling },
    ]);
  });

  it('stores nothing for an empty list or null', async () => {
    expect((await vo2maxRange.fetch(contextFor(answering([])), '2026-03-01', '2026-03-28')).days).toEqual([]);
    expect((await vo2maxRange.fetch(contextFor(answering(null)), '2026-03-01', '2026-03-28')).days).toEqual([]);
  });
});

describe('race predictions (pgc get_race_predictions, daily)', () => {
  it("asks the display name's daily range and stores each day's 5K time", async () => {
    const day = { userId: 2591602, calendarDate: '2026-03-02', time5K: 1350, time10K: 2850, timeHalfMarathon: 6400, timeMarathon: 13800 };
    const empty = { userId: 2591602, calendarDate: '2026-03-03', time5K: null, time10K: null, timeHalfMarathon: null, timeMarathon: null };
    const fake = answering([day, empty]);
    const { days } = await racePredictionsRange.fetch(contextFor(fake), '2026-03-01', '2026-03-28');
    expect(fake.requests).toEqual(['/metrics-service/metrics/racepredictions/daily/mtamizi?fromCalendarDate=2026-03-01&toCalendarDate=2026-03-28']);
    expect(days).toEqual([{ date: '2026-03-02', metric: 'race_predictions', value: 1350, raw: day }]);
  });
});

describe('fitness age (pgc get_fitnessage_data)', () => {
  it('stores the fitness age in years, and nothing for an answer with the chronological age alone', async () => {
    const day = { chronologicalAge: 40, fitnessAge: 34.2, achievableFitnessAge: 32, components: { rhr: { value: 47 } } };
    const fake = answering(day);
    expect((await fitnessAge.fetch(contextFor(fake), '2026-03-15', '2026-03-15')).days).toEqual([{ date: '2026-03-15', metric: 'fitness_age', value: 34.2, raw: day }]);
    expect(fake.requests).toEqual(['/fitnessage-service/fitnessage/2026-03-15']);
    expect((await fitnessAge.fetch(contextFor(answering({ chronologicalAge: 40, fitnessAge: null })), '2026-03-15', '2026-03-15')).days).toEqual([]);
  });
});
