import { ActivityPartOracle, DailyOracle, RecordOracle } from './oracle-types';
import { GENERATED_DAILY_ORACLES, GENERATED_PART_ORACLES, GENERATED_RECORD_ORACLES } from './generated.oracle';
import { RECORDED_DAILY_ORACLES, RECORDED_RECORD_ORACLES } from './recorded.oracle';

/** Every oracle the oracle route answers from: the recorded endpoints' kinds and the generated ones'. */
export const DAILY_ORACLES: readonly DailyOracle[] = [...RECORDED_DAILY_ORACLES, ...GENERATED_DAILY_ORACLES];
export const RECORD_ORACLES: readonly RecordOracle[] = [...RECORDED_RECORD_ORACLES, ...GENERATED_RECORD_ORACLES];
export const PART_ORACLES: readonly ActivityPartOracle[] = [...GENERATED_PART_ORACLES];
