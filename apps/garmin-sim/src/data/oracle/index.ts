import { ActivityPartOracle, DailyOracle, RecordOracle } from './oracle-types';
import { GENERATED_DAILY_ORACLES, GENERATED_PART_ORACLES, GENERATED_RECORD_ORACLES } from './generated.oracle';

/**
 * Every oracle the oracle route answers from.
 * MERGE (lead): the recorded kinds' oracles live in ./recorded.oracle.ts on h/sim-recorded; add
 * `...RECORDED_DAILY_ORACLES` and `...RECORDED_RECORD_ORACLES` to the two lists below (and the import).
 */
export const DAILY_ORACLES: readonly DailyOracle[] = [...GENERATED_DAILY_ORACLES];
export const RECORD_ORACLES: readonly RecordOracle[] = [...GENERATED_RECORD_ORACLES];
export const PART_ORACLES: readonly ActivityPartOracle[] = [...GENERATED_PART_ORACLES];
