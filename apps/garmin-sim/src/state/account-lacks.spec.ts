import { AccountSpecError, parseAccountPatch, parseAccountSpec } from './account-spec';

describe('account lacks', () => {
  const base = { email: 'a@b.c', password: 'p', displayName: 'a', profileId: 1 };

  it('takes the catalog per-day kinds and names anything else', () => {
    expect(parseAccountSpec({ ...base, lacks: ['spo2', 'respiration'] }).lacks).toEqual(['spo2', 'respiration']);
    expect(() => parseAccountSpec({ ...base, lacks: ['spO2'] })).toThrow(/lacks: "spO2" is not a per-day data kind/);
    expect(() => parseAccountSpec({ ...base, lacks: ['devices'] })).toThrow(AccountSpecError);
    expect(() => parseAccountSpec({ ...base, lacks: 'spo2' })).toThrow(/must be a list/);
    expect(() => parseAccountSpec({ ...base, lacks: ['spo2', 'spo2'] })).toThrow(/twice/);
  });

  it('splits a PATCH into behaviour and lacks', () => {
    expect(parseAccountPatch({ lacks: [], tokenNotActive: true })).toEqual({ behaviour: { tokenNotActive: true }, lacks: [] });
    expect(parseAccountPatch({ diRotateRefreshToken: false })).toEqual({ behaviour: { diRotateRefreshToken: false } });
    expect(() => parseAccountPatch({ lacks: ['nope'], colour: 'red' })).toThrow(/colour is not a behaviour field.*nope/);
  });
});
