import { Clock } from '../state/clock';
import { cookieValue, SsoSessions } from './sso-sessions';

describe('SsoSessions', () => {
  let clock: Clock;
  let sessions: SsoSessions;

  beforeEach(() => {
    clock = new Clock();
    sessions = new SsoSessions(clock);
  });

  it('finds a session by id and by its current CSRF token only', () => {
    const session = sessions.create();
    expect(session.csrf).toMatch(/^[0-9A-F]{100}$/);
    const old = session.csrf;
    const fresh = sessions.rotateCsrf(session);
    expect(sessions.find(session.id)).toBe(session);
    expect(sessions.findByCsrf(fresh)).toBe(session);
    expect(sessions.findByCsrf(old)).toBeUndefined();
  });

  it('forgets sessions after 30 minutes', () => {
    const session = sessions.create();
    clock.advance(30 * 60 * 1000);
    expect(sessions.find(session.id)).toBeUndefined();
    expect(sessions.findByCsrf(session.csrf)).toBeUndefined();
  });

  it('redeems a logintoken once', () => {
    const token = sessions.issueLoginToken(5, 'https://sso.garmin.com/sso/embed');
    expect(token).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(sessions.redeemLoginToken(token)).toEqual({
      profileId: 5,
      service: 'https://sso.garmin.com/sso/embed',
    });
    expect(sessions.redeemLoginToken(token)).toBeUndefined();
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; SESSION=abc=; __VCAP_ID__=x', 'SESSION')).toBe('abc=');
    expect(cookieValue(undefined, 'SESSION')).toBeUndefined();
  });
});
