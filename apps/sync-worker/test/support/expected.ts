import { ConnectApi, DI_CLIENT_IDS, PoliteSender, SIGN_IN_STRATEGIES } from '@fittrack/garmin';
import { GarminSimulator, SIM_CONSUMER } from '@fittrack/testing';

/** What the simulator holds for an account over a range, read through Garmin's API as an independent oracle. */
export interface Expected {
  activities: Map<number, { name: string; type: string }>;
  /** `${date}|${metric}` → the headline value. */
  health: Map<string, number | null>;
  workouts: Set<number>;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function expectedData(sim: GarminSimulator, email: string, from: string, to: string): Promise<Expected> {
  const { access_token: token } = await sim.admin(`/accounts/${encodeURIComponent(email)}/token`);
  const api = new ConnectApi(
    {
      ssoUrl: sim.url,
      connectApiUrl: sim.url,
      diauthUrl: sim.url,
      connectUrl: sim.url,
      domain: 'garmin.com',
      consumerKey: SIM_CONSUMER.key,
      consumerSecret: SIM_CONSUMER.secret,
      strategies: SIGN_IN_STRATEGIES,
      widgetPauseMs: [0, 0],
      portalPauseMs: [0, 0],
      diClientIds: DI_CLIENT_IDS,
      timeoutMs: 10_000,
    },
    { account: `oracle:${email}`, accessToken: async () => token as string, sender: new PoliteSender() },
  );
  const expected: Expected = { activities: new Map(), health: new Map(), workouts: new Set() };
  for (let start = 0; ; start += 100) {
    const page = await api.activities(start, 100, { from, to });
    for (const a of page) expected.activities.set(a.activityId, { name: a.activityName, type: a.activityType.typeKey });
    if (page.length < 100) break;
  }
  for (let start = 0; ; start += 100) {
    const page = await api.workouts(start, 100);
    for (const w of page) expected.workouts.add(w.workoutId);
    if (page.length < 100) break;
  }
  const put = (date: string, metric: string, value: unknown) => expected.health.set(`${date}|${metric}`, num(value));
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const [summary, sleep, hr, hrv] = await Promise.all([api.dailySummary(day), api.sleep(day), api.heartRate(day), api.hrv(day)]);
    if (summary) put(day, 'summary', summary['totalKilocalories']);
    if (sleep) put(day, 'sleep', sleep.dailySleepDTO.sleepTimeSeconds);
    if (hr) put(day, 'heart_rate', hr.restingHeartRate);
    if (hrv) put(day, 'hrv', hrv.hrvSummary.lastNightAvg);
  }
  for (let start = from; start <= to; start = addDays(start, 28)) {
    const end = addDays(start, 27) < to ? addDays(start, 27) : to;
    for (const d of await api.steps(start, end)) put(d.calendarDate, 'steps', d.totalSteps);
    for (const d of await api.stressRange(start, end)) put(d.calendarDate, 'stress', d.values['overallStressLevel']);
    for (const d of await api.bodyBattery(start, end)) put(String(d['date']), 'body_battery', d['charged']);
    for (const d of (await api.weight(start, end))?.dailyWeightSummaries ?? []) put(d.summaryDate, 'weight', d.latestWeight['weight']);
  }
  return expected;
}

/** What the database holds for a user, in the same shape. */
export async function storedData(query: (sql: string, params: unknown[]) => Promise<any[]>, userId: string): Promise<Expected> {
  const stored: Expected = { activities: new Map(), health: new Map(), workouts: new Set() };
  for (const a of await query(`SELECT activity_id, name, activity_type FROM activities WHERE user_id = $1`, [userId])) {
    stored.activities.set(Number(a.activity_id), { name: a.name, type: a.activity_type });
  }
  for (const h of await query(`SELECT to_char(calendar_date, 'YYYY-MM-DD') AS date, metric, value FROM daily_health WHERE user_id = $1`, [userId])) {
    stored.health.set(`${h.date}|${h.metric}`, h.value === null ? null : Number(h.value));
  }
  for (const w of await query(`SELECT workout_id FROM workouts WHERE user_id = $1`, [userId])) stored.workouts.add(Number(w.workout_id));
  return stored;
}

export function todayIn(timeZone: string, nowMs = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(nowMs);
}

export { addDays };
