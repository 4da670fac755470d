import { RecordRow } from '../../rows';
import { RecordSource } from '../record-source';
import { dateOf, entriesOf, idOf, num, oneOrMany } from '../../garmin-json';

/** The key of a latest-value record: its calendar day, or `latest` where Garmin gives none. */
const LATEST = 'latest';

/**
 * Recorded (garth tests/test_put.yaml, the GET after the PUT) and pgc get_heart_rate_zones:
 * `biometric-service/heartRateZones` answers a list with one zone set per `sport` (`DEFAULT`, …), each with
 * `trainingMethod`, `zone1Floor`..`zone5Floor`, `restingHeartRateUsed`, `lactateThresholdHeartRateUsed` and
 * `maxHeartRateUsed`. Keyed by `sport`; the headline is `maxHeartRateUsed` (bpm), the top the zones are cut from.
 */
export const heartRateZones: RecordSource = {
  name: 'biometric/heartRateZones',
  yields: ['heart_rate_zones'],
  async fetch({ api }) {
    const answer = await api.getJson<unknown>('/biometric-service/heartRateZones');
    return entriesOf(answer).flatMap((zones) => {
      const key = idOf(zones, 'sport');
      return key === null ? [] : [{ kind: 'heart_rate_zones' as const, key, recordedOn: null, value: num(zones['maxHeartRateUsed']), raw: zones }];
    });
  },
};

/**
 * pgc get_lactate_threshold (latest=True): `biometric/latestLactateThreshold` answers "a list of two (or more)
 * nearly identical dicts" (`userProfilePK, version, calendarDate, sequence`), one holding `speed`, one the
 * heart rate (`heartRate`, or Garmin's older typo `hearRate`). They are one threshold: one record, its raw the
 * whole list, keyed (and dated) by the `calendarDate` of the speed entry as pgc picks it (else of any entry,
 * else `latest`), so each new threshold Garmin detects is kept beside the earlier ones. Headline: the heart rate (bpm).
 */
export const lactateThreshold: RecordSource = {
  name: 'biometric/latestLactateThreshold',
  yields: ['lactate_threshold'],
  async fetch({ api }) {
    const answer = await api.getJson<unknown>('/biometric-service/biometric/latestLactateThreshold');
    const entries = oneOrMany(answer);
    const heartRate = entries.map((e) => num(e['heartRate']) ?? num(e['hearRate'])).find((hr) => hr !== null) ?? null;
    const hasSpeed = entries.some((e) => num(e['speed']) !== null);
    if (heartRate === null && !hasSpeed) return [];
    const dated = entries.find((e) => num(e['speed']) !== null && dateOf(e['calendarDate'])) ?? entries.find((e) => dateOf(e['calendarDate']));
    const recordedOn = dated ? dateOf(dated['calendarDate']) : null;
    return [{ kind: 'lactate_threshold', key: recordedOn ?? LATEST, recordedOn, value: heartRate, raw: answer }];
  },
};

/**
 * pgc get_cycling_ftp: `biometric/latestFunctionalThresholdPower/CYCLING`, typed there as an object or a list
 * of them. Each entry with a `functionalThresholdPower` is a record keyed (and dated) by its `calendarDate`
 * (else `latest`), so a new FTP is kept beside the earlier ones. Headline: `functionalThresholdPower` (W).
 */
export const cyclingFtp: RecordSource = {
  name: 'biometric/latestFunctionalThresholdPower',
  yields: ['ftp'],
  async fetch({ api }) {
    const answer = await api.getJson<unknown>('/biometric-service/biometric/latestFunctionalThresholdPower/CYCLING');
    return oneOrMany(answer).flatMap((entry): RecordRow[] => {
      const ftp = num(entry['functionalThresholdPower']);
      if (ftp === null) return [];
      const recordedOn = dateOf(entry['calendarDate']);
      return [{ kind: 'ftp', key: recordedOn ?? LATEST, recordedOn, value: ftp, raw: entry }];
    });
  },
};

export const BIOMETRIC_SOURCES: readonly RecordSource[] = [heartRateZones, lactateThreshold, cyclingFtp];
