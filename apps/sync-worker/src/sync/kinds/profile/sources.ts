import { arrayAt } from '../rows';
import { RecordSource } from './record-source';

/** pgc get_devices: `deviceregistration/devices`, a list of the user's devices keyed by deviceId. */
export const devices: RecordSource = {
  name: 'deviceregistration/devices',
  yields: ['devices'],
  async fetch({ api }) {
    const answer = await api.getJson<unknown[]>('/device-service/deviceregistration/devices');
    return (Array.isArray(answer) ? answer : arrayAt(answer, 'devices'))
      .map((entry) => entry as Record<string, unknown>)
      .filter((device) => device['deviceId'] !== undefined && device['deviceId'] !== null)
      .map((device) => ({ kind: 'devices' as const, key: String(device['deviceId']), recordedOn: null, value: null, raw: device }));
  },
};

/** Every record source; a kind is yielded by exactly one. */
export const PROFILE_SOURCES: readonly RecordSource[] = [devices];
