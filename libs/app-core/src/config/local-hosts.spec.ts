import { localHostReason } from './local-hosts';

const hostOf = (url: string) => new URL(url).hostname;

describe('localHostReason', () => {
  it.each([
    ['http://localhost:4010', 'a local-only name'],
    ['https://api.localhost', 'a local-only name'],
    ['https://127.0.0.1', 'a loopback or private address'],
    ['https://127.8.9.10', 'a loopback or private address'],
    ['https://2130706433', 'a loopback or private address'], // 127.0.0.1, as URL parsing reads it
    ['https://[::1]', 'a loopback or private address'],
    ['https://[::ffff:127.0.0.1]', 'a loopback or private address'],
    ['https://[fd00::5]', 'a loopback or private address'],
    ['https://0.0.0.0', 'a loopback or private address'],
    ['https://10.1.2.3', 'a loopback or private address'],
    ['https://172.20.0.4', 'a loopback or private address'],
    ['https://192.168.1.1', 'a loopback or private address'],
    ['https://169.254.169.254', 'a loopback or private address'],
    ['http://garmin-sim:4010', 'the Garmin simulator'],
    ['https://garmin-sim.example.org', 'the Garmin simulator'],
    ['https://sso.fittrack.test', 'a local-only name'],
    ['https://garmin.local', 'a local-only name'],
    ['https://sso.garmin.internal', 'a local-only name'],
    ['https://proxy', 'a container or intranet name'],
    ['https://sso.garmin.com.', undefined],
    ['https://sso.garmin.com', undefined],
    ['https://connectapi.garmin.cn', undefined],
    ['https://172.32.0.1', undefined],
    ['https://[2a00:1450::1]', undefined],
    ['https://[::ffff:8.8.8.8]', undefined],
  ])('%s is %s', (url, reason) => {
    expect(localHostReason(hostOf(url))).toBe(reason);
  });
});
