// Garmin's request allowance is the physical limit of the platform: what each data kind costs, measured.
// Each kind is synced alone (a user whose selection is that kind), a backfill and then a repeat sync, on
// fresh simulator accounts; the request counts come from the simulator's own per-account counters.
import { CATALOG_DEFAULT_SELECTION, DATA_KIND_CATALOG, DATA_KINDS, DataKind } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';

const TERMINAL = `('completed', 'failed', 'cancelled')`;

export interface KindCost {
  kind: DataKind;
  byDefault: boolean;
  /** Requests per backfilled user-day, the one time-zone probe of each job not counted. */
  backfillPerUserDay: number;
  /** Requests of a repeat sync (yesterday and today again), per user, the probe not counted. */
  repeat: number;
  /** What a one-year backfill of this kind alone costs a user, by the same measure. */
  yearBackfill: number;
  note: string;
}

export interface RequestBudget {
  days: number;
  usersPerKind: number;
  kinds: KindCost[];
  defaultSelection: { backfillPerUserDay: number; repeat: number; enabledKinds: number; repeatPerEnabledKind: number };
  targets: { backfillPerUserDay: '≤ 10'; repeatPerEnabledKind: '≤ 2' };
}

interface Account {
  email: string;
  token: string;
}

/** Each job asks for today's daily summary once to learn the user's zone: the fixed cost of a job, whatever it syncs. */
const PROBE_PER_JOB = 1;

export async function measureRequestBudget(stack: PlatformStack, days: number, usersPerKind: number, firstProfileId: number): Promise<RequestBudget> {
  let next = firstProfileId;
  const accounts = async (n: number): Promise<Account[]> => {
    const made: Account[] = [];
    for (let i = 0; i < n; i++) {
      const profileId = next++;
      const email = `budget${profileId}@fittrack.test`;
      await stack.sim.admin('/accounts', { email, password: 'bench-pw', displayName: `budget${profileId}`, profileId, historyDays: days });
      made.push({ email, token: (await stack.gateway.post('/v1/auth/login', { email, password: 'bench-pw' })).body.accessToken });
    }
    return made;
  };
  const requestsOf = async (users: Account[]) => {
    const byAccount = (await stack.sim.stats()).byAccount as Record<string, number>;
    return users.reduce((sum, u) => sum + (byAccount[u.email] ?? 0), 0);
  };
  const syncAll = async (users: Account[], selection: readonly DataKind[]) => {
    await stack.sim.admin('/stats', undefined, 'DELETE');
    for (const user of users) {
      const set = await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: selection }, token: user.token });
      if (set.status !== 200) throw new Error(`could not set the selection: ${JSON.stringify(set.body)}`);
    }
    await Promise.all(users.map((user) => stack.gateway.post('/v1/sync', { types: ['all'] }, { token: user.token })));
    await settle(stack);
    return (await requestsOf(users)) - users.length * PROBE_PER_JOB;
  };

  const worker = await stack.startWorker({ LOG_LEVEL: 'warn' });
  try {
    const kinds: KindCost[] = [];
    // A part of an activity is fetched only with its activity: its cost is its endpoint's line in the
    // endpoint table of the stored run (one request per activity, or none for the zones), not measured alone.
    for (const kind of DATA_KINDS.filter((k) => DATA_KIND_CATALOG[k].store !== 'activity_part')) {
      const users = await accounts(usersPerKind);
      const backfill = await syncAll(users, [kind]);
      const repeat = await syncAll(users, [kind]);
      const perUserDay = backfill / (usersPerKind * days);
      const yearBackfill = Math.round(perUserDay * 365);
      kinds.push({ kind, byDefault: DATA_KIND_CATALOG[kind].byDefault, backfillPerUserDay: perUserDay, repeat: repeat / usersPerKind, yearBackfill, note: noteOn(kind, perUserDay) });
    }
    const users = await accounts(usersPerKind);
    const backfill = await syncAll(users, CATALOG_DEFAULT_SELECTION);
    const repeat = (await syncAll(users, CATALOG_DEFAULT_SELECTION)) / usersPerKind;
    return {
      days,
      usersPerKind,
      kinds,
      defaultSelection: {
        backfillPerUserDay: backfill / (usersPerKind * days),
        repeat,
        enabledKinds: CATALOG_DEFAULT_SELECTION.length,
        repeatPerEnabledKind: repeat / CATALOG_DEFAULT_SELECTION.length,
      },
      targets: { backfillPerUserDay: '≤ 10', repeatPerEnabledKind: '≤ 2' },
    };
  } finally {
    await worker.process.stop('SIGTERM');
    stack.workers.splice(stack.workers.indexOf(worker), 1);
  }
}

/** What a kind's cost means for a long backfill: never a reason to stop a job, but worth knowing before selecting it. */
function noteOn(kind: DataKind, perUserDay: number): string {
  if (perUserDay >= 0.9) return `a request per day: a one-year backfill costs ~${Math.round(perUserDay * 365)} requests for this kind alone`;
  if (DATA_KIND_CATALOG[kind].store === 'record' && perUserDay < 0.2) return 'a few requests per sync, whatever the range';
  return '';
}

async function settle(stack: PlatformStack): Promise<void> {
  for (;;) {
    const [{ open }] = await stack.database.dataSource.query(`SELECT count(*)::int AS open FROM sync_jobs WHERE status NOT IN ${TERMINAL}`);
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function printRequestBudget(budget: RequestBudget, log: (line: string) => void): void {
  const f = (n: number) => n.toFixed(2);
  log('');
  log(`requests per kind (each kind alone, ${budget.usersPerKind} users × ${budget.days} days; the time-zone probe of each job not counted;`);
  log('the parts of an activity are fetched with it: see their endpoints in the table above):');
  log('| kind | default | backfill per user-day | repeat sync | one-year backfill | note |');
  log('|---|---|---|---|---|---|');
  for (const k of budget.kinds) log(`| ${k.kind} | ${k.byDefault ? 'yes' : ''} | ${f(k.backfillPerUserDay)} | ${f(k.repeat)} | ${k.yearBackfill} | ${k.note} |`);
  const d = budget.defaultSelection;
  log('');
  log(`| default selection (${d.enabledKinds} kinds) | value | target |`);
  log('|---|---|---|');
  log(`| backfill requests per user-day | ${f(d.backfillPerUserDay)} | ${budget.targets.backfillPerUserDay} |`);
  log(`| repeat sync requests per enabled kind | ${f(d.repeatPerEnabledKind)} (${f(d.repeat)} in all) | ${budget.targets.repeatPerEnabledKind} |`);
}
