import { RecordKind } from '@fittrack/contracts';
import { SourceContext } from '../health/daily-source';
import { RecordRow } from '../rows';

/**
 * One Garmin endpoint of items that are not per day (devices, gear, personal records, zones, thresholds):
 * asked once per sync, whatever its range. Each source names its evidence (README, "Stored data").
 */
export interface RecordSource {
  /** The endpoint family, for logs and the benchmark. */
  readonly name: string;
  readonly yields: readonly RecordKind[];
  fetch(ctx: SourceContext): Promise<RecordRow[]>;
}
