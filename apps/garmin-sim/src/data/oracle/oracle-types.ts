import { Account } from '../../state/accounts';
import { GeneratedActivity } from '../activities';
import { DayFacts } from '../daily';
import { SimData } from '../sim-data';

/**
 * What the simulator's generated data holds, told from the generators' own facts (never by rendering and
 * re-parsing its HTTP answers), so a test comparing our stored rows with it cannot mirror a bug of our client.
 */
export interface DailyOracle {
  /** A per-day data kind of the catalog (libs/contracts data-kinds.ts). */
  kind: string;
  /** The headline value of the day, null when the day has the kind without a figure, undefined when it has no data. */
  headline(account: Account, day: DayFacts, data: SimData): number | null | undefined;
}

export interface RecordOracle {
  kind: string;
  /** Every item Garmin would list for the account in from..to (or all items, for kinds not dated). */
  items(account: Account, data: SimData, range: { from: string; to: string }): { key: string; value: number | null }[];
}

export interface ActivityPartOracle {
  kind: string;
  /** Whether Garmin has this part for the activity. */
  has(activity: GeneratedActivity, account: Account): boolean;
}

export interface OracleAnswer {
  daily: Record<string, Record<string, number | null>>;
  records: Record<string, Record<string, number | null>>;
  activityParts: Record<string, string[]>;
  /** The activities of the range (by their local start date), id → name and type key. */
  activities: Record<string, { name: string; type: string }>;
  /** Every saved workout's id (the library is not dated). */
  workouts: number[];
}
