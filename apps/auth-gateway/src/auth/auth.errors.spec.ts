import { clockTime, duration, SignInCooldownError } from './auth.errors';

describe('the cooldown sentence', () => {
  const now = new Date('2026-12-02T12:05:00Z');
  const cooldown = { until: new Date('2026-12-02T14:05:00Z'), secondsLeft: 7200, strikes: 1, reason: 'throttled' as const };

  it('says when, in UTC and from now, never sooner than it is', () => {
    expect(clockTime(cooldown.until, now)).toBe('14:05 UTC');
    expect(clockTime(new Date('2026-12-03T12:05:00Z'), now)).toBe('2026-12-03 12:05 UTC');
    expect([duration(7200), duration(7199), duration(7201), duration(59), duration(86400)]).toEqual(['2 h', '2 h', '2 h 1 min', '1 min', '24 h']);
  });

  it('answers a throttled chain 429 and an edge refusal 403, both with Retry-After and the sentence', () => {
    const throttled = SignInCooldownError.refused(cooldown, [{ strategy: 'mobile-impit', status: 429, reason: 'throttled' }], now);
    expect(throttled).toMatchObject({ kind: 'rate_limited', code: 'GARMIN_RATE_LIMITED', retryAfterSeconds: 7200 });
    expect(throttled.message).toBe(
      'Garmin is throttling every way of signing in to this account from us; to avoid making it worse we will not try again before 14:05 UTC (in 2 h)',
    );
    expect(throttled.details).toEqual({ cooldownUntil: '2026-12-02T14:05:00.000Z', attempts: [{ strategy: 'mobile-impit', status: 429, reason: 'throttled' }] });

    const refused = SignInCooldownError.refused({ ...cooldown, reason: 'edge_refused' }, [], now);
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'GARMIN_EDGE_REFUSED', retryAfterSeconds: 7200 });
  });

  it('answers an attempt during the cooldown 429, saying nothing was tried', () => {
    const cooling = SignInCooldownError.coolingDown({ ...cooldown, secondsLeft: 5400 }, now);
    expect(cooling).toMatchObject({ kind: 'rate_limited', code: 'AUTH_SIGN_IN_COOLING_DOWN', retryAfterSeconds: 5400 });
    expect(cooling.message).toBe(
      'Garmin is refusing sign-ins for this account from us (throttled); to avoid making it worse we will not try again before 14:05 UTC (in 1 h 30 min)',
    );
  });
});
