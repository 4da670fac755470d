import { RecordSource } from '../record-source';
import { BIOMETRIC_SOURCES } from './biometric.sources';
import { EQUIPMENT_SOURCES } from './equipment.sources';
import { personalRecords } from './personal-records.source';

/** Every record source of the profile; a kind is yielded by exactly one (profile-sources.spec checks it). */
export const PROFILE_SOURCES: readonly RecordSource[] = [...EQUIPMENT_SOURCES, personalRecords, ...BIOMETRIC_SOURCES];
