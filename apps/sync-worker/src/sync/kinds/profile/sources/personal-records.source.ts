import { RecordSource } from '../record-source';
import { dateOf, entriesOf, idOf, num } from '../../garmin-json';

/**
 * pgc get_personal_record: `personalrecord/prs/{displayName}`, a list (pgc's reference notebook slices it),
 * one best per record type. Keyed by `typeId` (one PR per type: a newer best replaces the row), dated by the
 * GMT day of the activity that set it (`actStartDateTimeInGMTFormatted`); the headline is `value`, in the
 * unit of its record type.
 */
export const personalRecords: RecordSource = {
  name: 'personalrecord/prs',
  yields: ['personal_records'],
  async fetch({ api, displayName }) {
    const answer = await api.getJson<unknown>(`/personalrecord-service/personalrecord/prs/${displayName}`);
    return entriesOf(answer).flatMap((record) => {
      const key = idOf(record, 'typeId');
      if (key === null) return [];
      return [{ kind: 'personal_records' as const, key, recordedOn: dateOf(record['actStartDateTimeInGMTFormatted']), value: num(record['value']), raw: record }];
    });
  },
};
