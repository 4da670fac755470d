import { DataKind } from '@fittrack/contracts';
import { ConnectApi, DailySummary } from '@fittrack/garmin';
import { DayRow, RecordRow } from '../rows';

/** What a source knows of the user without asking Garmin. */
export interface SourceContext {
  api: ConnectApi;
  /** Garmin's display name (the `{displayName}` of some paths), known since the link. */
  displayName: string;
  profileId: number;
  /** Today in the user's Garmin zone. */
  today: string;
  /** Today's daily summary, already fetched to learn the zone (undefined: not fetched). */
  todaySummary?: DailySummary | null;
}

/** What one request of a source gave: per-day rows, and items that are not per day (e.g. every weigh-in). */
export interface SourceAnswer {
  days: DayRow[];
  records?: RecordRow[];
}

/**
 * One Garmin endpoint of per-day data, and what its answer yields. One request may yield several kinds
 * (dailyStress gives stress and body battery); the health syncer asks each selected source once per day
 * (`per: 'day'`) or once per range of at most `maxDays` (`per: 'range'`), and keeps only the kinds selected.
 * Each source names its evidence (README, "Stored data").
 */
export interface DailySource {
  /** The endpoint family, for logs and the benchmark (e.g. `dailyStress`). */
  readonly name: string;
  readonly yields: readonly DataKind[];
  readonly span: { per: 'day' } | { per: 'range'; maxDays: number };
  /** Intraday data, which Garmin keeps about six months (older days need a reload, see archive). */
  readonly intraday: boolean;
  /** `from` = `to` for a per-day source. Rows outside from..to are dropped by the caller. */
  fetch(ctx: SourceContext, from: string, to: string): Promise<SourceAnswer>;
}
