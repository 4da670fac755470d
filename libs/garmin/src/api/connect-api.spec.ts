import { GarminErrorCode } from '../errors';
import { testConfig } from '../../test/support/fake-garmin';
import { ConnectApi } from './connect-api';
import { ApiCredential } from './credentials';
import { PoliteSender } from './polite-sender';

describe('ConnectApi', () => {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  let status = 200;

  beforeEach(() => {
    calls.length = 0;
    status = 200;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
      calls.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
      return new Response(status === 200 ? JSON.stringify({ hrvSummary: { calendarDate: '2026-01-01' } }) : '', { status });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  const api = (credential: string | ApiCredential) =>
    new ConnectApi(testConfig(), { account: 'u1', accessToken: async () => credential, sender: new PoliteSender({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterSeconds: 1 } }) });

  it('sends the native headers with the Bearer token', async () => {
    await api({ kind: 'bearer', token: 'tok' }).getJson('/hrv-service/hrv/2026-01-01');
    expect(calls[0].url).toBe('https://connectapi.example/hrv-service/hrv/2026-01-01');
    expect(calls[0].headers).toMatchObject({ Authorization: 'Bearer tok', 'User-Agent': 'GCM-Android-5.23', 'X-Garmin-Client-Platform': 'Android' });
    await api('plain').getJson('/hrv-service/hrv/2026-01-01');
    expect(calls[1].headers['Authorization']).toBe('Bearer plain');
  });

  it('sends a JWT_WEB session’s cookie form (client.py:460-471)', async () => {
    await api({ kind: 'jwt_web', token: 'web' }).getJson('/hrv-service/hrv/2026-01-01');
    expect(calls[0].headers).toEqual({
      Accept: 'application/json',
      NK: 'NT',
      Origin: 'https://connect.garmin.com',
      Referer: 'https://connect.garmin.com/modern/',
      'DI-Backend': 'connectapi.garmin.com',
      Cookie: 'JWT_WEB=web',
    });
  });

  it('a 403 is not a rejected session (no refresh is spent); a 401 is', async () => {
    status = 403;
    await expect(api('tok').getJson('/hrv-service/hrv/2026-01-01')).rejects.toMatchObject({ code: GarminErrorCode.Forbidden, kind: 'forbidden' });
    await expect(api('tok').workouts(0, 1)).rejects.toMatchObject({ code: GarminErrorCode.Forbidden });
    status = 401;
    await expect(api('tok').getJson('/hrv-service/hrv/2026-01-01')).rejects.toMatchObject({ code: GarminErrorCode.SessionRejected });
    await expect(api('tok').workouts(0, 1)).rejects.toMatchObject({ code: GarminErrorCode.SessionRejected });
  });
});
