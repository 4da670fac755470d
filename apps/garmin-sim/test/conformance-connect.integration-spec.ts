import { addDays, daysBetween } from '../src/data/calendar';
import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { Interaction, keyShape, listCassettes, loadCassette, missingKeys, recordedHeader } from './support/cassettes';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const DATE = /\d{4}-\d{2}-\d{2}/g;
const mediaType = (value: string | null | undefined) => (value ?? '').split(';')[0].trim().toLowerCase();

/** Recorded answers that mean "no data for that day" (§D): replayed against a day outside the history. */
function isNoData(interaction: Interaction): boolean {
  const body = interaction.response.body.string ?? '';
  return interaction.response.status.code === 204 || body === 'null' || /"dailySleepDTO": \{"id": null/.test(body);
}

/** The Connect API part of every cassette; the consumer download and OAuth calls are the auth suite's. */
const cases = listCassettes('connect').flatMap((file) =>
  loadCassette(file)
    .filter((i) => new URL(i.request.uri).hostname.startsWith('connectapi.') && !i.request.uri.includes('/oauth-service/'))
    .map((i) => [`${file} ${i.request.method} ${new URL(i.request.uri).pathname}`, i] as const),
);

describe('Connect API conforms to the recordings', () => {
  let sim: RunningSim;
  let bearer: string;
  let dataDay: string;
  let futureDay: string;
  let activityId: number;

  beforeAll(async () => {
    sim = await startSim(PERMISSIVE);
    const demo = sim.state.accounts.findByEmail(DEMO_ACCOUNTS[0].email)!;
    bearer = sim.bearerFor(demo);
    const today = sim.state.data.today(demo);
    futureDay = addDays(today, 5);
    // A day with every kind of data, so recordings that hold data are compared with data.
    dataDay = addDays(today, -1);
    for (let age = 1; age < 60; age++) {
      const day = sim.state.data.day(demo, addDays(today, -age));
      if (day?.hasHrv && day.hasStress && day.weightGrams !== null) {
        dataDay = day.date;
        break;
      }
    }
    activityId = sim.state.data.activities(demo).newestFirst[0].activityId;
  });

  afterAll(() => sim.close());

  /** The recorded request, moved onto our account's days and activities. */
  function replayUrl(interaction: Interaction): string {
    const uri = new URL(interaction.request.uri);
    const dates = uri.href.match(DATE) ?? [];
    const last = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : undefined;
    const target = isNoData(interaction) ? futureDay : dataDay;
    let path = `${uri.pathname}${uri.search}`.replace(DATE, (d) => (last ? addDays(target, daysBetween(last, d)) : d));
    path = path.replace(/\/(activity|files\/activity)\/\d+/, (_m, kind: string) => `/${kind}/${activityId}`);
    return `${sim.url}${path}`;
  }

  it.each(cases)('%s', async (_name, interaction) => {
    const response = await fetch(replayUrl(interaction), {
      method: interaction.request.method,
      headers: { authorization: `Bearer ${bearer}` },
    });
    const recorded = interaction.response;
    expect(response.status).toBe(recorded.status.code);
    const recordedType = recordedHeader(interaction, 'content-type');
    if (recordedType) expect(mediaType(response.headers.get('content-type'))).toBe(mediaType(recordedType));
    const body = await response.text();
    if (mediaType(recordedType) === 'application/json' && recorded.body.string) {
      expect(missingKeys(keyShape(JSON.parse(recorded.body.string)), keyShape(JSON.parse(body)))).toEqual([]);
    }
  });
});
