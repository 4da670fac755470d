import { CATALOG_DEFAULT_SELECTION, DATA_KIND_CATALOG, DataKind } from '@fittrack/contracts';
import { GarminSimulator } from '@fittrack/testing';

/**
 * What the simulator holds for an account over a range, in the shape our tables hold it. Told by the
 * simulator's oracle (GET /__sim/accounts/:email/oracle), which reads its generators' own facts: never
 * through our ConnectApi, so a wrong URL or a parsing bug of ours cannot be mirrored here.
 */
export interface Expected {
  activities: Map<number, { name: string; type: string }>;
  /** `${date}|${metric}` → the headline value. */
  health: Map<string, number | null>;
  /** `${kind}|${key}` → the headline value. */
  records: Map<string, number | null>;
  /** `${activityId}|${part}`. */
  parts: Set<string>;
  workouts: Set<number>;
}

interface OracleAnswer {
  daily: Record<string, Record<string, number | null>>;
  records: Record<string, Record<string, number | null>>;
  activityParts: Record<string, string[]>;
  activities: Record<string, { name: string; type: string }>;
  workouts: number[];
}

/** The oracle's answer for from..to, restricted to the kinds a job selected (the deployment default unless told). */
export async function expectedData(
  sim: GarminSimulator,
  email: string,
  from: string,
  to: string,
  options: { selection?: readonly DataKind[]; /** Today in the account's zone (UTC unless told). */ today?: string } = {},
): Promise<Expected> {
  const selection = options.selection ?? CATALOG_DEFAULT_SELECTION;
  const today = options.today ?? todayIn('UTC');
  const oracle = await oracleOf(sim, email, from, to);
  const selected = new Set<string>(selection);
  const expected: Expected = { activities: new Map(), health: new Map(), records: new Map(), parts: new Set(), workouts: new Set() };
  if (selected.has('activities')) {
    for (const [id, activity] of Object.entries(oracle.activities)) expected.activities.set(Number(id), activity);
    for (const [id, parts] of Object.entries(oracle.activityParts)) {
      for (const part of parts) if (selected.has(part)) expected.parts.add(`${id}|${part}`);
    }
  }
  for (const [date, metrics] of Object.entries(oracle.daily)) {
    for (const [metric, value] of Object.entries(metrics)) if (selected.has(metric)) expected.health.set(`${date}|${metric}`, value);
  }
  // Plans are read by calendar month: every month of the window, and always this one and the next (README, Records).
  const planning = selected.has('scheduled_workouts')
    ? [await oracleOf(sim, email, firstOfMonth(from), endOfMonth(to, 0)), await oracleOf(sim, email, firstOfMonth(today), endOfMonth(today, 1))]
    : [];
  for (const [kind, items] of Object.entries(oracle.records)) {
    if (!selected.has(kind)) continue;
    const lists = kind === 'scheduled_workouts' ? planning.map((answer) => answer.records[kind]) : [items];
    for (const listed of lists) for (const [key, value] of Object.entries(listed)) expected.records.set(`${kind}|${key}`, value);
  }
  if (selected.has('workouts')) for (const id of oracle.workouts) expected.workouts.add(id);
  return expected;
}

async function oracleOf(sim: GarminSimulator, email: string, from: string, to: string): Promise<OracleAnswer> {
  const oracle = (await sim.admin(`/accounts/${encodeURIComponent(email)}/oracle?from=${from}&to=${to}`, undefined, 'GET')) as OracleAnswer;
  if (!oracle.daily) throw new Error(`the simulator's oracle did not answer: ${JSON.stringify(oracle)}`);
  return oracle;
}

const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;

/** The last day of the month `ahead` months after the date's. */
function endOfMonth(date: string, ahead: number): string {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return new Date(Date.UTC(year, month + ahead, 0)).toISOString().slice(0, 10);
}

/** What the database holds for a user, in the same shape. */
export async function storedData(query: (sql: string, params: unknown[]) => Promise<any[]>, userId: string): Promise<Expected> {
  const stored: Expected = { activities: new Map(), health: new Map(), records: new Map(), parts: new Set(), workouts: new Set() };
  for (const a of await query(`SELECT activity_id, name, activity_type FROM activities WHERE user_id = $1`, [userId])) {
    stored.activities.set(Number(a.activity_id), { name: a.name, type: a.activity_type });
  }
  for (const h of await query(`SELECT to_char(calendar_date, 'YYYY-MM-DD') AS date, metric, value FROM daily_health WHERE user_id = $1`, [userId])) {
    stored.health.set(`${h.date}|${h.metric}`, h.value === null ? null : Number(h.value));
  }
  for (const r of await query(`SELECT kind, record_key, value FROM garmin_records WHERE user_id = $1`, [userId])) {
    stored.records.set(`${r.kind}|${r.record_key}`, r.value === null ? null : Number(r.value));
  }
  for (const p of await query(`SELECT activity_id, part FROM activity_parts WHERE user_id = $1`, [userId])) stored.parts.add(`${Number(p.activity_id)}|${p.part}`);
  for (const w of await query(`SELECT workout_id FROM workouts WHERE user_id = $1`, [userId])) stored.workouts.add(Number(w.workout_id));
  return stored;
}

/** The selected kinds of one job-level group (e.g. what a `types: ['health']` job syncs by default). */
export function selectionOf(groups: readonly string[], selection: readonly DataKind[] = CATALOG_DEFAULT_SELECTION): DataKind[] {
  return selection.filter((kind) => groups.includes(DATA_KIND_CATALOG[kind].group));
}

export function todayIn(timeZone: string, nowMs = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(nowMs);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Where the stored data departs from the expected, one line per key: `[]` when they agree. Jest's own diff of
 * two large Maps prints them whole in insertion order (hundreds of lines for one missing row), which hides the
 * one row that matters in a CI log.
 */
export function differencesOf(stored: Expected, expected: Expected, limit = 40): string[] {
  const lines: string[] = [];
  const compare = (part: keyof Expected, actual: Map<unknown, unknown> | Set<unknown>, wanted: Map<unknown, unknown> | Set<unknown>) => {
    const valueOf = (of: Map<unknown, unknown> | Set<unknown>, key: unknown) => shown(of instanceof Map ? of.get(key) : true);
    for (const key of wanted.keys()) {
      if (!actual.has(key)) lines.push(`${part} ${String(key)}: missing (expected ${valueOf(wanted, key)})`);
      else if (valueOf(actual, key) !== valueOf(wanted, key)) lines.push(`${part} ${String(key)}: stored ${valueOf(actual, key)}, expected ${valueOf(wanted, key)}`);
    }
    for (const key of actual.keys()) if (!wanted.has(key)) lines.push(`${part} ${String(key)}: not expected (stored ${valueOf(actual, key)})`);
  };
  compare('activities', stored.activities, expected.activities);
  compare('health', stored.health, expected.health);
  compare('records', stored.records, expected.records);
  compare('parts', stored.parts, expected.parts);
  compare('workouts', stored.workouts, expected.workouts);
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}

/** A value as Jest's equality sees it: NaN, -0 and undefined are not null, 0 and a missing field. */
function shown(value: unknown): string {
  if (typeof value === 'number' && (Number.isNaN(value) || Object.is(value, -0))) return String(Object.is(value, -0) ? '-0' : value);
  if (value === undefined) return 'undefined';
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}: ${shown(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}
