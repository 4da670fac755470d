import { validateConfig } from '@fittrack/app-core';
import { SimConfig } from '../../config/sim.config';
import { buildSimulator, Simulator } from '../../server';
import { Account, AccountSpec } from '../../state/accounts';
import { addDays } from '../calendar';
import { DayFacts } from '../daily';
import { RECORDED_DAILY_ORACLES, RECORDED_RECORD_ORACLES } from './recorded.oracle';

type Json = Record<string, any>;

const SPECS: AccountSpec[] = [
  { email: 'oracle@fittrack.test', password: 'pw-oracle-1', displayName: 'oracle', profileId: 7_100_001, historyDays: 400 },
  { email: 'bare@fittrack.test', password: 'pw-bare-1', displayName: 'bare', profileId: 7_100_002, historyDays: 60, lacks: ['stress', 'hrv', 'training_readiness_morning', 'hill_score'] },
];

/** Where each kind's headline sits in the rendered answer (kinds.md), undefined when the answer has no data. */
const RENDERED: Record<string, (get: (path: string) => Promise<{ status: number; body: Json | null }>, day: DayFacts, account: Account) => Promise<unknown>> = {
  summary: async (get, d, a) => (await get(`/usersummary-service/usersummary/daily/${a.displayName}?calendarDate=${d.date}`)).body?.['totalKilocalories'],
  sleep: async (get, d, a) => (await get(`/wellness-service/wellness/dailySleepData/${a.displayName}?date=${d.date}&nonSleepBufferMinutes=60`)).body?.['dailySleepDTO']['sleepTimeSeconds'] ?? undefined,
  heart_rate: async (get, d) => (await get(`/wellness-service/wellness/dailyHeartRate/?date=${d.date}`)).body?.['restingHeartRate'] ?? undefined,
  hrv: async (get, d) => (await get(`/hrv-service/hrv/daily/${d.date}/${d.date}`)).body?.['hrvSummaries'][0]['lastNightAvg'],
  stress: async (get, d) => (await get(`/wellness-service/wellness/dailyStress/${d.date}`)).body?.['avgStressLevel'] ?? undefined,
  body_battery: async (get, d) => {
    const levels = ((await get(`/wellness-service/wellness/dailyStress/${d.date}`)).body?.['bodyBatteryValuesArray'] ?? []).map((e: unknown[]) => e[2]).filter((v: unknown) => v !== null);
    return levels.length ? Math.max(...levels) : undefined;
  },
  body_battery_events: async (get, d) => ((await get(`/wellness-service/wellness/bodyBattery/events/${d.date}`)).body as unknown[]).length || undefined,
  steps: async (get, d) => ((await get(`/usersummary-service/stats/steps/daily/${d.date}/${d.date}`)).body as Json[])[0]?.['totalSteps'],
  intensity_minutes: async (get, d) => {
    const entry = ((await get(`/usersummary-service/stats/im/daily/${d.date}/${d.date}`)).body as Json[])[0];
    return entry ? entry['moderateValue'] + 2 * entry['vigorousValue'] : undefined;
  },
  hydration: async (get, d) => ((await get(`/usersummary-service/stats/hydration/daily/${d.date}/${d.date}`)).body as Json[])[0]?.['valueInML'],
  weight: async (get, d) => (await get(`/weight-service/weight/range/${d.date}/${d.date}?includeAll=true`)).body?.['dailyWeightSummaries'][0]?.['latestWeight']['weight'],
  training_readiness: async (get, d) => ((await get(`/metrics-service/metrics/trainingreadiness/${d.date}`)).body as Json[])[0]?.['score'],
  training_readiness_morning: async (get, d) =>
    ((await get(`/metrics-service/metrics/trainingreadiness/${d.date}`)).body as Json[]).find((e) => e['inputContext'] === 'AFTER_WAKEUP_RESET')?.['score'],
  training_status: async (get, d) => {
    const data = (await get(`/mobile-gateway/usersummary/trainingstatus/weekly/${d.date}/${d.date}`)).body?.['weeklyTrainingStatus']['payload']['reportData'];
    return (Object.values(data ?? {})[0] as Json[] | undefined)?.[0]?.['trainingStatus'];
  },
  endurance_score: async (get, d) => (await get(`/metrics-service/metrics/endurancescore?calendarDate=${d.date}`)).body?.['overallScore'],
  hill_score: async (get, d) => (await get(`/metrics-service/metrics/hillscore?calendarDate=${d.date}`)).body?.['overallScore'],
};

describe('the recorded kinds’ oracle agrees with the rendered answers', () => {
  let sim: Simulator;
  let token: (account: Account) => string;

  beforeAll(async () => {
    const config = validateConfig('garmin-sim', SimConfig, { LOG_LEVEL: 'silent', SIM_PROFILE: 'permissive' });
    sim = await buildSimulator(config, SPECS);
    token = (account) => sim.state.credentials.issueAccessToken(account, 'oauth2', 3600).token;
  });

  afterAll(() => sim.app.close());

  const getter = (account: Account) => async (path: string) => {
    const response = await sim.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token(account)}` } });
    return { status: response.statusCode, body: response.statusCode === 204 ? null : (JSON.parse(response.body) as Json | null) };
  };

  /** Recent days, and for the long history an archived one (older than the intraday horizon). */
  const sample = (account: Account) => {
    const today = sim.state.data.today(account);
    const ages = account.historyDays > 200 ? [1, 2, 3, 4, 6, 9, 13, 200, 250] : [1, 2, 3, 5, 8];
    return ages.map((age) => sim.state.data.day(account, addDays(today, -age))!);
  };

  it('covers every recorded kind', () => {
    expect(RECORDED_DAILY_ORACLES.map((o) => o.kind).sort()).toEqual(Object.keys(RENDERED).sort());
    expect(RECORDED_RECORD_ORACLES.map((o) => o.kind)).toEqual(['body_composition']);
  });

  it.each(SPECS.map((s) => s.email))('every daily headline of %s equals the rendered value', async (email) => {
    const account = sim.state.accounts.findByEmail(email)!;
    const get = getter(account);
    const mismatches: string[] = [];
    let defined = 0;
    for (const day of sample(account)) {
      for (const oracle of RECORDED_DAILY_ORACLES) {
        const told = oracle.headline(account, day, sim.state.data);
        const shown = await RENDERED[oracle.kind](get, day, account);
        if (told !== undefined) defined++;
        if (told !== shown) mismatches.push(`${day.date}${day.archived ? ' (archived)' : ''} ${oracle.kind}: oracle ${told}, answer ${shown}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(defined).toBeGreaterThan(20);
  });

  it('an archived day has no intraday kinds and a device without a kind has none of it', () => {
    const [long, bare] = SPECS.map((s) => sim.state.accounts.findByEmail(s.email)!);
    const archived = sample(long).find((d) => d.archived)!;
    expect(archived).toBeDefined();
    const told = (account: Account, day: DayFacts, kind: string) => RECORDED_DAILY_ORACLES.find((o) => o.kind === kind)!.headline(account, day, sim.state.data);
    for (const kind of ['heart_rate', 'stress', 'body_battery', 'body_battery_events']) expect(told(long, archived, kind)).toBeUndefined();
    expect(told(long, archived, 'summary')).toBeGreaterThan(1900);
    for (const day of sample(bare)) {
      for (const kind of ['stress', 'hrv', 'training_readiness_morning', 'hill_score']) expect(told(bare, day, kind)).toBeUndefined();
      expect(told(bare, day, 'training_readiness')).toBeGreaterThan(0);
    }
  });

  it('lists every weigh-in of the weight range as a body_composition record keyed by samplePk', async () => {
    const account = sim.state.accounts.findByEmail(SPECS[0].email)!;
    const to = addDays(sim.state.data.today(account), -1);
    const from = addDays(to, -27);
    const answer = (await getter(account)(`/weight-service/weight/range/${from}/${to}?includeAll=true`)).body!;
    const rendered = (answer['dailyWeightSummaries'] as Json[]).flatMap((s) => (s['allWeightMetrics'] as Json[]).map((m) => ({ key: String(m['samplePk']), value: m['weight'] })));
    const items = RECORDED_RECORD_ORACLES[0].items(account, sim.state.data, { from, to });
    expect(items.length).toBeGreaterThan(3);
    expect([...items].sort((a, b) => a.key.localeCompare(b.key))).toEqual([...rendered].sort((a, b) => a.key.localeCompare(b.key)));
  });

  it('renders stress samples that average the day’s avgStress and peak at its maxStress, with -1/-2 codes', async () => {
    const account = sim.state.accounts.findByEmail(SPECS[0].email)!;
    let codes = 0;
    for (const day of sample(account).filter((d) => d.hasStress && !d.archived)) {
      const body = (await getter(account)(`/wellness-service/wellness/dailyStress/${day.date}`)).body!;
      const values = (body['stressValuesArray'] as [number, number][]).map(([, v]) => v);
      const measured = values.filter((v) => v >= 0);
      codes += values.filter((v) => v < 0).length;
      expect(measured.reduce((s, v) => s + v, 0) / measured.length).toBeCloseTo(body['avgStressLevel'], 6);
      expect(Math.max(...measured)).toBe(body['maxStressLevel']);
      expect(values.every((v) => v >= -2)).toBe(true);
    }
    expect(codes).toBeGreaterThan(0);
  });
});
