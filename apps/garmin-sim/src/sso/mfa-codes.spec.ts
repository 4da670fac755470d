import { Clock } from '../state/clock';
import { maskEmail, MFA_CODE_TTL_MS, MFA_MAX_ATTEMPTS, MfaCodes } from './mfa-codes';

describe('MfaCodes', () => {
  const email = 'mfa@fittrack.test';
  let clock: Clock;
  let codes: MfaCodes;

  beforeEach(() => {
    clock = new Clock();
    codes = new MfaCodes(clock);
  });

  const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

  it('sends 6-digit codes that work once', () => {
    const { code } = codes.send(email);
    expect(code).toMatch(/^\d{6}$/);
    expect(codes.lastSentTo('MFA@fittrack.test')?.code).toBe(code);
    expect(codes.check(email, code)).toEqual({ ok: true });
    expect(codes.check(email, code)).toMatchObject({
      ok: false,
      reason: 'exhausted',
    });
  });

  it(`allows ${MFA_MAX_ATTEMPTS} attempts`, () => {
    const { code } = codes.send(email);
    for (let left = MFA_MAX_ATTEMPTS - 1; left > 0; left--) {
      expect(codes.check(email, wrong(code))).toEqual({
        ok: false,
        reason: 'invalid',
        attemptsLeft: left,
      });
    }
    expect(codes.check(email, wrong(code))).toEqual({
      ok: false,
      reason: 'exhausted',
      attemptsLeft: 0,
    });
    expect(codes.check(email, code)).toMatchObject({
      ok: false,
      reason: 'exhausted',
    });
  });

  it('expires after ten minutes; a new code replaces the old', () => {
    const first = codes.send(email).code;
    clock.advance(MFA_CODE_TTL_MS);
    expect(codes.check(email, first)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    const second = codes.send(email).code;
    expect(codes.check(email, second)).toEqual({ ok: true });
  });

  it('masks addresses as Garmin shows them', () => {
    expect(maskEmail('mtamizi@gmail.com')).toBe('mt*****@gmail.com');
  });
});
