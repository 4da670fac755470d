import { familyOfService, isNotActive } from './account-behaviour';
import { AccountSpecError, parseAccountSpec, parseBehaviourPatch } from './account-spec';

describe('account behaviour', () => {
  const base = { email: 'a@b.c', password: 'p', displayName: 'a', profileId: 1 };

  it('takes the today-profile fields and names every bad one', () => {
    const spec = { ...base, mfa: 'totp', signIn: { mobile: 'throttled' }, diClientIds: ['GARMIN_CONNECT_MOBILE_IOS_DI'], tokenNotActive: { via: ['mobile'] } };
    expect(parseAccountSpec(spec)).toMatchObject(spec);
    const bad = () => parseBehaviourPatch({ signIn: { mobile: 'maybe' }, diRotateRefreshToken: 'no', tokenNotActive: { via: ['fax'] } });
    expect(bad).toThrow(AccountSpecError);
    expect(bad).toThrow(/signIn\.mobile.*diRotateRefreshToken.*tokenNotActive\.via/);
  });

  it('matches "not active" by client id and family', () => {
    expect(isNotActive({ tokenNotActive: true }, 'X', undefined)).toBe(true);
    expect(isNotActive({ tokenNotActive: { via: ['mobile'] } }, 'X', 'mobile')).toBe(true);
    expect(isNotActive({ tokenNotActive: { via: ['mobile'] } }, 'X', 'widget')).toBe(false);
    expect(isNotActive({ tokenNotActive: { clientIds: ['A'] } }, 'B', 'mobile')).toBe(false);
    expect(isNotActive({}, 'A', 'mobile')).toBe(false);
  });

  it('tells the family from the CAS service URL', () => {
    expect(familyOfService('https://mobile.integration.garmin.com/gcm/ios')).toBe('mobile');
    expect(familyOfService('http://127.0.0.1:4010/sso/embed')).toBe('widget');
    expect(familyOfService('https://connect.garmin.com/app')).toBe('portal');
  });
});
