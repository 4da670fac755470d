import { RECORD_KINDS } from '@fittrack/contracts';
import { fakeConnect } from '../../../../../test/support/kind-run';
import { SourceContext } from '../../health/daily-source';
import { RecordSource } from '../record-source';
import { cyclingFtp, heartRateZones, lactateThreshold } from './biometric.sources';
import { devices, gear } from './equipment.sources';
import { PROFILE_SOURCES } from './index';
import { personalRecords } from './personal-records.source';

const DEVICES = '/device-service/deviceregistration/devices';
const GEAR = '/gear-service/gear/filterGear';
const PRS = '/personalrecord-service/personalrecord/prs/runner-1';
const ZONES = '/biometric-service/heartRateZones';
const LACTATE = '/biometric-service/biometric/latestLactateThreshold';
const FTP = '/biometric-service/biometric/latestFunctionalThresholdPower/CYCLING';

/** Asks one source with Garmin answering `answer` at `path`; what it yields, and the requests it made. */
async function ask(source: RecordSource, path: string, answer: unknown) {
  const { api, calls } = fakeConnect({ [path]: answer });
  const ctx: SourceContext = { api, displayName: 'runner-1', profileId: 2591602, today: '2026-05-02' };
  return { rows: await source.fetch(ctx), calls };
}

/** The GET after the PUT of garth tests/test_put.yaml, as recorded. */
const RECORDED_ZONES = [
  {
    trainingMethod: 'HR_RESERVE',
    restingHeartRateUsed: 42,
    lactateThresholdHeartRateUsed: 170,
    zone1Floor: 130,
    zone2Floor: 140,
    zone3Floor: 150,
    zone4Floor: 160,
    zone5Floor: 170,
    maxHeartRateUsed: 185,
    restingHrAutoUpdateUsed: false,
    sport: 'DEFAULT',
    changeState: 'UNCHANGED',
  },
];

describe('profile record sources', () => {
  it('yield every profile kind, each from exactly one source', () => {
    const yielded = PROFILE_SOURCES.flatMap((s) => s.yields);
    expect(new Set(yielded).size).toBe(yielded.length);
    expect([...yielded].sort()).toEqual(['devices', 'ftp', 'gear', 'heart_rate_zones', 'lactate_threshold', 'personal_records']);
    expect(yielded.every((kind) => RECORD_KINDS.includes(kind))).toBe(true);
  });

  it.each([
    ['devices', devices, DEVICES],
    ['gear', gear, GEAR],
    ['personal_records', personalRecords, PRS],
    ['heart_rate_zones', heartRateZones, ZONES],
    ['lactate_threshold', lactateThreshold, LACTATE],
    ['ftp', cyclingFtp, FTP],
  ])('%s: no data (null or 404, an empty list, an empty object) stores nothing', async (_kind, source, path) => {
    for (const answer of [null, [], {}]) expect((await ask(source, path, answer)).rows).toEqual([]);
  });

  it('devices: one record per deviceId, a device without one skipped', async () => {
    const { rows } = await ask(devices, DEVICES, [{ deviceId: 3469703076, productDisplayName: 'Forerunner 965' }, { productDisplayName: 'no id' }]);
    expect(rows).toEqual([{ kind: 'devices', key: '3469703076', recordedOn: null, value: null, raw: { deviceId: 3469703076, productDisplayName: 'Forerunner 965' } }]);
  });

  it('gear: asked for the profile id, keyed by uuid, dated by dateBegin, maximumMeters as headline', async () => {
    const shoe = { gearPk: 101, uuid: 'b6a5f9d2c1e04f3a8d7e6c5b4a3f2e1d', displayName: 'Trail shoes', dateBegin: '2025-03-01T00:00:00.0', maximumMeters: 800_000 };
    const bike = { gearPk: 102, uuid: 'c7b6a0e3d2f15a4b9e8f7d6c5b4a3f2e', displayName: 'Bike', dateBegin: null, maximumMeters: null };
    const { rows, calls } = await ask(gear, GEAR, [shoe, bike, { displayName: 'no uuid' }]);
    expect(calls).toEqual([{ path: GEAR, query: { userProfilePk: 2591602 } }]);
    expect(rows).toEqual([
      { kind: 'gear', key: shoe.uuid, recordedOn: '2025-03-01', value: 800_000, raw: shoe },
      { kind: 'gear', key: bike.uuid, recordedOn: null, value: null, raw: bike },
    ]);
  });

  it('personal_records: one per typeId, dated by the GMT day of the activity that set it', async () => {
    const fiveK = { id: 9001, typeId: 3, activityId: 21482825013, value: 1342.5, actStartDateTimeInGMTFormatted: '2026-04-12T06:30:00.0' };
    const steps = { id: 9002, typeId: 12, activityId: null, value: 31_204, actStartDateTimeInGMTFormatted: null };
    const { rows, calls } = await ask(personalRecords, PRS, [fiveK, steps]);
    expect(calls.map((c) => c.path)).toEqual([PRS]);
    expect(rows).toEqual([
      { kind: 'personal_records', key: '3', recordedOn: '2026-04-12', value: 1342.5, raw: fiveK },
      { kind: 'personal_records', key: '12', recordedOn: null, value: 31_204, raw: steps },
    ]);
  });

  it('heart_rate_zones: the recorded answer, one zone set per sport, maxHeartRateUsed as headline', async () => {
    const { rows } = await ask(heartRateZones, ZONES, RECORDED_ZONES);
    expect(rows).toEqual([{ kind: 'heart_rate_zones', key: 'DEFAULT', recordedOn: null, value: 185, raw: RECORDED_ZONES[0] }]);
  });

  it("lactate_threshold: pgc's two nearly identical entries are one record, keyed by the speed entry's calendarDate", async () => {
    const base = { userProfilePK: 2591602, version: 1, sequence: 1 };
    const answer = [
      { ...base, calendarDate: '2026-04-20', speed: 0.32, heartRate: null, heartRateCycling: null },
      { ...base, calendarDate: '2026-04-21', speed: null, hearRate: 168, heartRateCycling: null },
    ];
    expect((await ask(lactateThreshold, LACTATE, answer)).rows).toEqual([{ kind: 'lactate_threshold', key: '2026-04-20', recordedOn: '2026-04-20', value: 168, raw: answer }]);
    // pgc's unit test: one entry with both.
    const single = [{ speed: 12, heartRate: 160, userProfilePK: 12345, version: 1, calendarDate: '2026-03-15', sequence: 1 }];
    expect((await ask(lactateThreshold, LACTATE, single)).rows).toEqual([{ kind: 'lactate_threshold', key: '2026-03-15', recordedOn: '2026-03-15', value: 160, raw: single }]);
    // Entries with neither a speed nor a heart rate are no threshold.
    expect((await ask(lactateThreshold, LACTATE, [{ ...base, calendarDate: null, speed: null, heartRate: null }])).rows).toEqual([]);
  });

  it('ftp: an object or a list, keyed by calendarDate (else latest), functionalThresholdPower as headline', async () => {
    const ftp = { userProfilePk: 2591602, calendarDate: '2026-04-01', sport: 'CYCLING', functionalThresholdPower: 251, isStale: false };
    expect((await ask(cyclingFtp, FTP, ftp)).rows).toEqual([{ kind: 'ftp', key: '2026-04-01', recordedOn: '2026-04-01', value: 251, raw: ftp }]);
    const undated = { sport: 'CYCLING', functionalThresholdPower: 240 };
    expect((await ask(cyclingFtp, FTP, [undated, { sport: 'CYCLING', functionalThresholdPower: null }])).rows).toEqual([
      { kind: 'ftp', key: 'latest', recordedOn: null, value: 240, raw: undated },
    ]);
  });
});
