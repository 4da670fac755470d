import { RecordSource } from '../record-source';
import { dateOf, entriesOf, idOf, num } from '../../garmin-json';

/** pgc get_devices: `deviceregistration/devices`, a list of the user's devices keyed by deviceId. */
export const devices: RecordSource = {
  name: 'deviceregistration/devices',
  yields: ['devices'],
  async fetch({ api }) {
    const answer = await api.getJson<unknown>('/device-service/deviceregistration/devices');
    return entriesOf(answer, 'devices').flatMap((device) => {
      const key = idOf(device, 'deviceId');
      return key === null ? [] : [{ kind: 'devices' as const, key, recordedOn: null, value: null, raw: device }];
    });
  },
};

/**
 * pgc get_gear: `gear/filterGear?userProfilePk={profileId}`, a list of the user's gear (pgc's unit test answers
 * a list; demo.py reads each item's `uuid` and `displayName`). Keyed by `uuid`, the id Garmin's other gear paths
 * take (gear/stats/{uuid}); dated by `dateBegin`; the headline is `maximumMeters`, the distance the user set
 * to retire it at (m), null where none is set.
 */
export const gear: RecordSource = {
  name: 'gear/filterGear',
  yields: ['gear'],
  async fetch({ api, profileId }) {
    const answer = await api.getJson<unknown>('/gear-service/gear/filterGear', { userProfilePk: profileId });
    return entriesOf(answer).flatMap((item) => {
      const key = idOf(item, 'uuid');
      return key === null ? [] : [{ kind: 'gear' as const, key, recordedOn: dateOf(item['dateBegin']), value: num(item['maximumMeters']), raw: item }];
    });
  },
};

export const EQUIPMENT_SOURCES: readonly RecordSource[] = [devices, gear];
