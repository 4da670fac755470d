import { DataKind, dataKindsStoredAs } from '@fittrack/contracts';
import { answering, asked, contextFor } from './garmin-answers.test';
import { HEALTH_SOURCES } from '.';

const FROM = '2026-03-01';
const TO = '2026-03-28';
const DN = 'mtamizi';

/**
 * The only requests a source may make, each with its evidence: a garth recording or a pgc function
 * (README, "Stored data"). A per-day source is asked for FROM, a range source for FROM..TO.
 */
const EVIDENCED: Record<string, string> = {
  [asked(`/usersummary-service/usersummary/daily/${DN}`, { calendarDate: FROM })]: 'pgc get_user_summary; recorded connect/daily_summary_get',
  [asked(`/wellness-service/wellness/dailySleepData/${DN}`, { date: FROM, nonSleepBufferMinutes: 60 })]: 'recorded garth data/test_sleep_data_get',
  [asked('/wellness-service/wellness/dailyHeartRate/', { date: FROM })]: 'recorded garth data/test_daily_heart_rate_get',
  [asked(`/hrv-service/hrv/daily/${FROM}/${TO}`)]: 'recorded garth stats/test_daily_hrv',
  [asked(`/wellness-service/wellness/dailyStress/${FROM}`)]: 'recorded garth data/test_daily_body_battery_stress_list',
  [asked(`/usersummary-service/stats/steps/daily/${FROM}/${TO}`)]: 'recorded garth stats/test_daily_steps',
  [asked(`/weight-service/weight/range/${FROM}/${TO}`, { includeAll: 'true' })]: 'recorded connect/weight_data_list',
  [asked(`/wellness-service/wellness/bodyBattery/events/${FROM}`)]: 'recorded garth data/test_body_battery_data_get',
  [asked(`/wellness-service/wellness/dailySummaryChart/${DN}`, { date: FROM })]: 'pgc get_steps_data',
  [asked(`/wellness-service/wellness/floorsChartData/daily/${FROM}`)]: 'pgc get_floors',
  [asked(`/usersummary-service/stats/im/daily/${FROM}/${TO}`)]: 'recorded garth stats/test_daily_intensity_minutes',
  [asked(`/wellness-service/wellness/daily/respiration/${FROM}`)]: 'pgc get_respiration_data',
  [asked(`/wellness-service/wellness/daily/spo2/${FROM}`)]: 'pgc get_spo2_data',
  [asked(`/usersummary-service/stats/hydration/daily/${FROM}/${TO}`)]: 'recorded garth stats/test_daily_hydration',
  [asked(`/bloodpressure-service/bloodpressure/range/${FROM}/${TO}`, { includeAll: 'true' })]: 'pgc get_blood_pressure',
  [asked(`/lifestylelogging-service/dailyLog/${FROM}`)]: 'pgc get_lifestyle_logging_data',
  [asked(`/metrics-service/metrics/trainingreadiness/${FROM}`)]: 'recorded garth data/test_training_readiness_data_list',
  [asked(`/mobile-gateway/usersummary/trainingstatus/weekly/${FROM}/${TO}`)]: 'recorded garth stats/test_weekly_training_status',
  [asked(`/metrics-service/metrics/maxmet/daily/${FROM}/${TO}`)]: 'pgc get_max_metrics_range',
  [asked(`/metrics-service/metrics/racepredictions/daily/${DN}`, { fromCalendarDate: FROM, toCalendarDate: TO })]: 'pgc get_race_predictions',
  [asked('/metrics-service/metrics/endurancescore', { calendarDate: FROM })]: 'recorded garth data/test_garmin_scores_data_get',
  [asked('/metrics-service/metrics/hillscore', { calendarDate: FROM })]: 'recorded garth data/test_garmin_scores_data_get',
  [asked(`/fitnessage-service/fitnessage/${FROM}`)]: 'pgc get_fitnessage_data',
};

describe('HEALTH_SOURCES', () => {
  it('yields every per-day kind of the catalog, and body_composition, from exactly one source', () => {
    const yielded = HEALTH_SOURCES.flatMap((source) => source.yields);
    const expected: DataKind[] = [...dataKindsStoredAs('daily'), 'body_composition'];
    expect([...yielded].sort()).toEqual([...expected].sort());
  });

  it('has one name per source', () => {
    const names = HEALTH_SOURCES.map((source) => source.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("lets every range source take the syncer's 28-day chunks (it chunks at 28 whatever maxDays says)", () => {
    const ranged = HEALTH_SOURCES.flatMap((source) => (source.span.per === 'range' ? [{ name: source.name, fits: source.span.maxDays >= 28 }] : []));
    expect(ranged).toEqual(ranged.map(({ name }) => ({ name, fits: true })));
  });

  it.each(HEALTH_SOURCES.map((source) => [source.name, source] as const))('%s asks one evidenced request, and stores nothing when Garmin has no data', async (_, source) => {
    const fake = answering(null);
    const answer = await source.fetch(contextFor(fake, { displayName: DN }), FROM, source.span.per === 'day' ? FROM : TO);
    expect(fake.requests).toHaveLength(1);
    expect(Object.keys(EVIDENCED)).toContain(fake.requests[0]);
    expect(answer.days).toEqual([]);
    expect(answer.records ?? []).toEqual([]);
  });

  it('asks every evidenced request through some source (the list holds no endpoint nobody uses)', async () => {
    const requests: string[] = [];
    for (const source of HEALTH_SOURCES) {
      const fake = answering(null);
      await source.fetch(contextFor(fake, { displayName: DN }), FROM, source.span.per === 'day' ? FROM : TO);
      requests.push(...fake.requests);
    }
    expect([...requests].sort()).toEqual(Object.keys(EVIDENCED).sort());
  });
});
