import { addDays, daysBetween } from '../src/data/calendar';
import { Account, DEMO_ACCOUNTS } from '../src/state/accounts';
import { AUTH_CASSETTES, allCassettes, Interaction, Kinds, loadCassette, recordedHeader, shapeProblems, suiteOf, unionKinds } from './support/cassettes';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

/**
 * Every recorded Connect API call (connect/, garth/, garth/data/, garth/stats/), replayed in order against
 * the simulator, moved onto our account's days and activities. Each answer must have:
 * - the recorded status;
 * - the recorded content type, media type and charset as recorded (`application/json;charset=UTF-8` or not);
 * - for JSON, the recorded key tree and value kinds (see `shapeProblems`):
 *   every recorded path present (unless our answer has null or [] above it: a day without that part);
 *   every kind we send at a path one that Garmin sends there in SOME recording of the endpoint —
 *   integer and decimal told apart as written (`2.0` is a decimal); null only where Garmin has sent
 *   null at that path, and a path Garmin always sends null must be null in ours (the tolerance rule:
 *   the union over the recordings of the endpoint is the evidence of what a field may hold);
 *   every element of our arrays of objects with the keys all recorded elements have — for activities, all
 *   recorded activities of the same (nearest) sport, `workoutId` aside (Garmin sends it only for an activity
 *   done from a workout: the recorded hike and paddleboard entries lack it); sports no recording shows
 *   (cycling, strength training in the list) are checked by kinds only.
 *   Extra keys are allowed (Garmin adds keys over time; a client must ignore them).
 * Quirks shown by garth cassettes not in ../shared (so absent from the union) are added in `KNOWN_KINDS`.
 */
const DATE = /\d{4}-\d{2}-\d{2}/g;
const CASSETTES = allCassettes().filter((c) => loadCassette(c).some((i) => suiteOf(i) === 'connect'));

/** Dates, ids and display names out of a path, so recordings of one endpoint compare together. */
const endpointOf = (i: Interaction) =>
  `${i.request.method} ${new URL(i.request.uri).pathname.replace(DATE, '{date}').replace(/\/\d{5,}/g, '/{id}').replace(/dailySleepData\/[^/]+$/, 'dailySleepData/{dn}')}`;

/**
 * Kinds Garmin sends that no cassette of ../shared shows, with their evidence:
 * - off-wrist body-battery samples `[ts, null, null, 2.0]`: garth tests/data/cassettes/
 *   test_daily_body_battery_stress_get_incomplete_data.yaml (the same samples appear in the events' series);
 * - an activity's body-battery event names its activity: garth src/garth/data/body_battery/events.py types
 *   `activity_name: str | None`, `activity_type: str | None`, `activity_id: str | int | None` (the one recorded
 *   event is a night's sleep, with nulls).
 */
const KNOWN_KINDS: Record<string, Record<string, string[]>> = {
  'GET /wellness-service/wellness/dailyStress/{date}': {
    '$.bodyBatteryValuesArray[][1]': ['null'],
    '$.bodyBatteryValuesArray[][2]': ['null'],
  },
  'GET /wellness-service/wellness/bodyBattery/events/{date}': {
    '$[].bodyBatteryValuesArray[][1]': ['null', 'string'],
    '$[].bodyBatteryValuesArray[][2]': ['null'],
    '$[].activityName': ['string'],
    '$[].activityType': ['string'],
    '$[].activityId': ['integer'],
  },
};

function evidence(): Map<string, Kinds> {
  const texts = new Map<string, string[]>();
  for (const cassette of CASSETTES) {
    for (const i of loadCassette(cassette)) {
      if (suiteOf(i) !== 'connect' || !isJson(recordedHeader(i, 'content-type')) || !i.response.body.string) continue;
      texts.set(endpointOf(i), [...(texts.get(endpointOf(i)) ?? []), i.response.body.string]);
    }
  }
  const result = new Map([...texts].map(([endpoint, bodies]) => [endpoint, unionKinds(bodies)]));
  for (const [endpoint, extra] of Object.entries(KNOWN_KINDS)) {
    for (const [path, kinds] of Object.entries(extra)) kinds.forEach((k) => result.get(endpoint)?.get(path)?.add(k as never));
  }
  return result;
}

const NEAREST_SPORT: Record<string, string> = {
  hiking: 'walking',
  stand_up_paddleboarding_v2: 'lap_swimming',
  yoga: 'strength_training',
  fitness_equipment: 'strength_training',
};

const isJson = (type: string | null | undefined) => (type ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
const normalType = (type: string | null | undefined) => (type ?? '').replace(/\s+/g, '').toLowerCase();

/** Our sports → the recorded list entry sport whose keys they share. */
const RECORDED_SPORT: Record<string, string> = {
  running: 'trail_running',
  trail_running: 'trail_running',
  walking: 'hiking',
  lap_swimming: 'stand_up_paddleboarding_v2',
};
const OPTIONAL_ELEMENT_KEYS = new Set(['workoutId']);

const bySport = (element: Record<string, unknown>, side: 'recorded' | 'ours') => {
  const type = element['activityType'] as { typeKey?: string } | undefined;
  if (!type?.typeKey) return 'any';
  return side === 'recorded' ? type.typeKey : RECORDED_SPORT[type.typeKey];
};

/** Recorded answers that mean "no data for that day": replayed onto a day the account does not have. */
function isNoData(interaction: Interaction): boolean {
  const body = interaction.response.body.string;
  return (
    (interaction.response.status.code === 204 && interaction.request.method === 'GET') ||
    body === 'null' ||
    body === '[]' ||
    /"dailySleepDTO": \{"id": null/.test(body) ||
    /"dailyWeightSummaries": \[\]/.test(body) ||
    /"monthlyTrainingStatus": \{[^}]*"payload": null/.test(body) ||
    /"reportData": \{\}/.test(body)
  );
}

/** The content types recorded per endpoint and status. */
function recordedTypes(): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const cassette of CASSETTES) {
    for (const i of loadCassette(cassette).filter((x) => suiteOf(x) === 'connect')) {
      const type = recordedHeader(i, 'content-type');
      const key = `${endpointOf(i)} ${i.response.status.code}`;
      if (type) result.set(key, new Set([...(result.get(key) ?? []), normalType(type)]));
    }
  }
  return result;
}

describe('Connect API conforms to the recordings', () => {
  const seen = evidence();
  const types = recordedTypes();
  let sim: RunningSim;
  let account: Account;
  let bearer: string;

  beforeEach(async () => {
    sim = await startSim(PERMISSIVE);
    account = sim.state.accounts.findByEmail(DEMO_ACCOUNTS[0].email)!;
    bearer = sim.bearerFor(account);
  });

  afterEach(() => sim.close());

  it('covers every cassette of the fixtures folder with this suite or the auth suite', () => {
    const uncovered = allCassettes().filter((c) => !CASSETTES.includes(c) && !AUTH_CASSETTES.includes(c));
    expect(uncovered).toEqual([]);
    // Each interaction has a suite: the auth suite replays its kind, this one the Connect API.
    for (const cassette of allCassettes()) {
      for (const i of loadCassette(cassette)) {
        const suite = suiteOf(i);
        if (suite === 'auth') expect(AUTH_CASSETTES).toContain(cassette);
        if (suite === 'connect') expect(CASSETTES).toContain(cassette);
      }
    }
    expect(CASSETTES.length).toBeGreaterThanOrEqual(60);
  });

  /** A day of the history where every kind has data (HRV, stress, a weigh-in, two readiness entries). */
  function dataDay(): string {
    const today = sim.state.data.today(account);
    for (let age = 2; age < 120; age++) {
      const day = sim.state.data.day(account, addDays(today, -age));
      if (day?.hasHrv && day.hasStress && day.weightGrams !== null && !day.archived) return day.date;
    }
    throw new Error('no full day in the demo history');
  }

  /**
   * The recorded activity id → one of ours of the same sport (by the recorded answer's typeKey), or of the
   * nearest sport we generate: hiking ~ walking, paddleboarding ~ swimming (strokes), yoga and gym
   * equipment ~ strength training (no distance, sets).
   */
  function activityFor(recordedId: string, interactions: Interaction[]): number {
    const body = interactions.find((i) => i.request.uri.endsWith(`/${recordedId}`) && i.response.body.string)?.response.body.string ?? '';
    const recordedKey = /"typeKey": ?"([a-z_0-9]+)"/.exec(body)?.[1] ?? '';
    const typeKey = NEAREST_SPORT[recordedKey] ?? recordedKey;
    const list = sim.state.data.activities(account).newestFirst;
    return (list.find((a) => a.kind.typeKey === typeKey) ?? list[0]).activityId;
  }

  function replayUrl(interaction: Interaction, interactions: Interaction[], target: string): string {
    const uri = new URL(interaction.request.uri);
    const dates = uri.href.match(DATE) ?? [];
    const last = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : undefined;
    let path = `${uri.pathname}${uri.search}`.replace(DATE, (d) => (last ? addDays(target, daysBetween(last, d)) : d));
    path = path.replace(/\/(activity|files\/activity)\/(\d+)/, (_m, kind: string, id: string) => `/${kind}/${activityFor(id, interactions)}`);
    path = path.replace(/dailySleepData\/[^/?]+/, `dailySleepData/${account.displayName}`);
    return `${sim.url}${path}`;
  }

  /** The recorded request body, with the recorded account's and activity's ids made ours. */
  function replayBody(interaction: Interaction, url: string, target: string): string | Uint8Array | undefined {
    const body = interaction.request.body;
    if (body === null || body === '') return undefined;
    if (typeof body !== 'string') return body;
    const activityId = /\/activity\/(\d+)/.exec(url)?.[1];
    return body
      .replace(/"activityId": ?\d+/, `"activityId": ${activityId}`)
      .replace(/"userProfileId": ?"\d+"/, `"userProfileId": "${account.profileId}"`)
      .replace(DATE, target);
  }

  function compare(interaction: Interaction, response: Response, body: string): string[] {
    const recorded = interaction.response;
    const problems: string[] = [];
    if (response.status !== recorded.status.code) problems.push(`status ${response.status}, recorded ${recorded.status.code}: ${body.slice(0, 200)}`);
    const recordedType = recordedHeader(interaction, 'content-type');
    const ours = response.headers.get('content-type');
    // Garmin itself varies the charset between recordings of one endpoint (socialProfile): any recorded one is right.
    const allowed = types.get(`${endpointOf(interaction)} ${recorded.status.code}`) ?? new Set([normalType(recordedType)]);
    if (recordedType && !allowed.has(normalType(ours))) problems.push(`content type ${ours}, recorded ${recordedType}`);
    if (!recordedType && recorded.status.code === 204 && body !== '') problems.push(`a body on a 204`);
    if (isJson(recordedType) && recorded.body.string && response.status === recorded.status.code) {
      problems.push(...shapeProblems(recorded.body.string, body, seen.get(endpointOf(interaction)) ?? new Map(), bySport, OPTIONAL_ELEMENT_KEYS).slice(0, 20));
    }
    return problems;
  }

  it.each(CASSETTES)('%s', async (cassette) => {
    const interactions = loadCassette(cassette).filter((i) => suiteOf(i) === 'connect');
    const problems: string[] = [];
    const full = dataDay();
    const none = addDays(sim.state.data.today(account), -account.historyDays - 400);
    for (const interaction of interactions) {
      const target = isNoData(interaction) ? none : full;
      const url = replayUrl(interaction, interactions, target);
      const body = replayBody(interaction, url, target);
      const type = recordedRequestType(interaction);
      const response = await fetch(url, {
        method: interaction.request.method,
        headers: { authorization: `Bearer ${bearer}`, ...(type && body !== undefined ? { 'content-type': type } : {}) },
        body,
      });
      const text = await response.text();
      const label = `${interaction.request.method} ${new URL(url).pathname}${new URL(url).search}`;
      problems.push(...compare(interaction, response, text).map((p) => `${label}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});

function recordedRequestType(interaction: Interaction): string | undefined {
  const entry = Object.entries(interaction.request.headers).find(([k]) => k.toLowerCase() === 'content-type');
  return entry ? String(entry[1][0]) : undefined;
}
