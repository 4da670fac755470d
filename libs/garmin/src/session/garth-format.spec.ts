import { GarminErrorCode } from '../errors';
import { accessExpiresAt, GarminSession, needsRefresh, refreshExpiresAt, withExpiries } from './garmin-session';
import { fromGarthString, toGarthString } from './garth-format';

const oauth2 = withExpiries(
  { scope: 'CONNECT_READ', jti: 'j', token_type: 'Bearer', access_token: 'a', refresh_token: 'r', expires_in: 3600, refresh_token_expires_in: 2591999 },
  1_700_000_000_000,
);

const session: GarminSession = {
  version: 1,
  dialect: 'mobile+oauth1',
  domain: 'garmin.com',
  oauth1: { oauth_token: 't', oauth_token_secret: 's', mfa_token: 'MFA-1', mfa_expiration_timestamp: '2027-03-18 05:33:02.000' },
  oauth2,
};

describe('garth session strings', () => {
  it('round-trip, in garth’s own layout', () => {
    const text = toGarthString(session);
    const [oauth1, token] = JSON.parse(Buffer.from(text, 'base64').toString());
    expect(oauth1).toMatchObject({ oauth_token: 't', oauth_token_secret: 's', domain: 'garmin.com' });
    expect(token).toEqual(oauth2);
    expect(fromGarthString(text)).toEqual({ ...session, oauth1: { ...session.oauth1, domain: 'garmin.com' } });
  });

  it('reads a string garth wrote', () => {
    const garth = Buffer.from(
      JSON.stringify([
        { oauth_token: 'x', oauth_token_secret: 'y', mfa_token: null, mfa_expiration_timestamp: null, domain: 'garmin.cn' },
        { ...oauth2, token_type: 'bearer' },
      ]),
    ).toString('base64');
    expect(fromGarthString(garth)).toMatchObject({ dialect: 'mobile+oauth1', domain: 'garmin.cn', oauth1: { oauth_token: 'x' } });
  });

  it.each(['not base64 json', Buffer.from('[1]').toString('base64'), Buffer.from('[{},{}]').toString('base64')])(
    'rejects %s with a typed error',
    (text) => expect(() => fromGarthString(text)).toThrow(expect.objectContaining({ code: GarminErrorCode.Protocol })),
  );
});

describe('session expiries', () => {
  it('know when the access token and the refresh credential end', () => {
    expect(accessExpiresAt(session).getTime()).toBe((1_700_000_000 + 3600) * 1000);
    expect(refreshExpiresAt(session).toISOString()).toBe('2027-03-18T05:33:02.000Z');
    expect(refreshExpiresAt({ ...session, dialect: 'mobile+di', oauth1: undefined }).getTime()).toBe((1_700_000_000 + 2591999) * 1000);
    expect(needsRefresh(session, (1_700_000_000 + 3600 - 30) * 1000)).toBe(true);
    expect(needsRefresh(session, 1_700_000_000 * 1000)).toBe(false);
  });
});
