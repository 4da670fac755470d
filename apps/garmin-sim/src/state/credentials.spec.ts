import { Account, AccountRegistry } from './accounts';
import { Clock } from './clock';
import { CredentialStore } from './credentials';

describe('CredentialStore', () => {
  let clock: Clock;
  let store: CredentialStore;
  let account: Account;

  beforeEach(() => {
    clock = new Clock();
    store = new CredentialStore(clock);
    account = new AccountRegistry(30).add({ email: 'a@b.c', password: 'p', displayName: 'a', profileId: 1 });
  });

  it('resolves a Bearer until it expires or is revoked', () => {
    const grant = store.issueAccessToken(account, 'oauth2', 60);
    expect(store.resolveBearer(grant.token)?.profileId).toBe(1);
    clock.advance(60_000);
    expect(store.resolveBearer(grant.token)).toBeUndefined();
  });

  it('puts the client id and expiry into DI access tokens', () => {
    const grant = store.issueAccessToken(account, 'di', 60, { family: 'f', clientId: 'GARMIN_CONNECT_MOBILE_IOS_DI' });
    const payload = JSON.parse(Buffer.from(grant.token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ client_id: 'GARMIN_CONNECT_MOBILE_IOS_DI', exp: Math.floor(clock.now() / 1000) + 60 });
  });

  it('rotates refresh tokens; a reused one revokes its family only', () => {
    const access = store.issueAccessToken(account, 'di', 60, { family: 'f1', clientId: 'c' });
    const other = store.issueAccessToken(account, 'di', 60, { family: 'f2', clientId: 'c' });
    const refresh = store.issueRefreshToken(account, 'f1', 'c', 600);
    expect(store.redeemRefreshToken(refresh.token)).toMatchObject({ family: 'f1' });
    expect(store.redeemRefreshToken(refresh.token)).toBe('reused');
    expect(store.resolveBearer(access.token)).toBeUndefined();
    expect(store.resolveBearer(other.token)).toBeDefined();
  });

  it('expireAccount and revokeAccount reach OAuth1 and refresh tokens; expireBearers only Bearers', () => {
    const oauth1 = store.issueOAuth1(account, 3600, false);
    const refresh = store.issueRefreshToken(account, 'f', 'c', 600);
    store.expireBearers(1);
    expect(store.resolveOAuth1(oauth1.token)).toBeDefined();
    store.expireAccount(1);
    expect(store.resolveOAuth1(oauth1.token)).toBeUndefined();
    expect(store.redeemRefreshToken(refresh.token)).toBeUndefined();

    const again = store.issueOAuth1(account, 3600, true);
    expect(again.mfaToken).toMatch(/^MFA-\d{4}-[A-Za-z0-9_-]+-cas$/);
    store.revokeAccount(1);
    expect(store.resolveOAuth1(again.token)).toBeUndefined();
  });
});
