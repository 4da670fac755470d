import { Clock } from '../state/clock';
import { SignInThrottle } from './sign-in-throttle';

describe('SignInThrottle', () => {
  const key = SignInThrottle.key('A@b.c', 'mobile', 'GCM_IOS_DARK');

  it('refuses while armed, restarts on every refusal, and lifts after a quiet hold', () => {
    const clock = new Clock();
    const throttle = new SignInThrottle(clock, 1000);
    expect(throttle.refuses(key)).toBe(false);
    throttle.arm(key);
    clock.advance(900);
    expect(throttle.refuses(key)).toBe(true);
    clock.advance(900);
    expect(throttle.refuses(key)).toBe(true); // 1800 ms after arming, but 900 after the last refusal
    clock.advance(1001);
    expect(throttle.refuses(key)).toBe(false);
  });

  it('keeps buckets per account and client, and clears one account', () => {
    const throttle = new SignInThrottle(new Clock(), 1000);
    throttle.arm(key);
    expect(throttle.refuses(SignInThrottle.key('a@b.c', 'mobile', 'OTHER'))).toBe(false);
    expect(Object.keys(throttle.armedFor('a@b.c'))).toEqual(['mobile|GCM_IOS_DARK']);
    throttle.clear('A@B.C');
    expect(throttle.refuses(key)).toBe(false);
  });
});
