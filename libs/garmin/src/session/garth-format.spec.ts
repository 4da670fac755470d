import { GarminErrorCode } from '../errors';
import { jwt } from '../../test/support/fake-garmin';
import { accessExpiresAt, GarminSession, needsRefresh, refreshExpiresAt, tokenFromAnswer } from './garmin-session';
import { fromGarthString, toGarthString } from './garth-format';

const NOW = 1_700_000_000;
const oauth2 = tokenFromAnswer(
  { scope: 'CONNECT_READ', jti: 'j', token_type: 'Bearer', access_token: 'a', refresh_token: 'r', expires_in: 3600, refresh_token_expires_in: 2591999 },
  NOW * 1000,
);

const session: GarminSession = {
  version: 1,
  dialect: 'mobile+oauth1',
  domain: 'garmin.com',
  oauth1: { oauth_token: 't', oauth_token_secret: 's', mfa_token: 'MFA-1', mfa_expiration_timestamp: '2027-03-18 05:33:02.000', domain: 'garmin.com' },
  oauth2,
};

describe('garth session strings', () => {
  it('round-trip, in garth’s own layout', () => {
    const text = toGarthString(session);
    const [oauth1, token] = JSON.parse(Buffer.from(text, 'base64').toString());
    expect(oauth1).toMatchObject({ oauth_token: 't', oauth_token_secret: 's', domain: 'garmin.com' });
    expect(token).toEqual(oauth2);
    expect(fromGarthString(text)).toEqual({ ...session, via: 'import' });
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
    'rejects %s as a bad token file',
    (text) => expect(() => fromGarthString(text)).toThrow(expect.objectContaining({ code: GarminErrorCode.BadTokenFile })),
  );
});

describe('token answers', () => {
  it('take the expiry from expires_in, else the JWT exp, else an assumed hour', () => {
    expect(tokenFromAnswer({ access_token: jwt({ exp: NOW + 99 }), expires_in: 60 }, NOW * 1000).expires_at).toBe(NOW + 60);
    expect(tokenFromAnswer({ access_token: jwt({ exp: NOW + 99 }) }, NOW * 1000).expires_at).toBe(NOW + 99);
    expect(tokenFromAnswer({ access_token: 'opaque' }, NOW * 1000).expires_at).toBe(NOW + 3600);
    expect(tokenFromAnswer({ access_token: jwt({ exp: 'soon' }) }, NOW * 1000).expires_at).toBe(NOW + 3600);
  });

  it('keep the old refresh token (and its expiry) when the answer has none', () => {
    const fresh = tokenFromAnswer({ access_token: 'b', expires_in: 3600 }, (NOW + 100) * 1000, oauth2);
    expect(fresh).toMatchObject({ refresh_token: 'r', refresh_token_expires_at: oauth2.refresh_token_expires_at, expires_at: NOW + 3700 });
    const rotated = tokenFromAnswer({ access_token: 'c', refresh_token: 'r2' }, NOW * 1000, oauth2);
    expect(rotated).toMatchObject({ refresh_token: 'r2', refresh_token_expires_at: NOW + 30 * 24 * 3600 });
  });
});

describe('session expiries', () => {
  it('know when the access token and the refresh credential end, never NaN', () => {
    expect(accessExpiresAt(session).getTime()).toBe((NOW + 3600) * 1000);
    expect(refreshExpiresAt(session).toISOString()).toBe('2027-03-18T05:33:02.000Z');
    expect(refreshExpiresAt({ ...session, dialect: 'mobile+di', oauth1: undefined }).getTime()).toBe((NOW + 2591999) * 1000);
    const bare: GarminSession = { version: 1, dialect: 'mobile+di', domain: 'garmin.com', oauth2: { access_token: 'x', refresh_token: 'y', expires_at: NOW + 60 } };
    expect(refreshExpiresAt(bare).getTime()).toBe((NOW + 60 + 30 * 24 * 3600) * 1000);
    expect(refreshExpiresAt({ ...bare, oauth2: { access_token: 'x', expires_at: NOW + 60 } }).getTime()).toBe((NOW + 60) * 1000);
    expect(refreshExpiresAt({ ...bare, dialect: 'jwt_web' }).getTime()).toBe((NOW + 60) * 1000);
    expect(refreshExpiresAt({ ...session, oauth1: { ...session.oauth1!, mfa_expiration_timestamp: 'garbage' } }).getTime()).toBe((NOW + 365 * 24 * 3600) * 1000);
    expect(needsRefresh(session, (NOW + 3600 - 30) * 1000)).toBe(true);
    expect(needsRefresh(session, NOW * 1000)).toBe(false);
  });
});
