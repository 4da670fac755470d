import { MetricsService } from '@fittrack/app-core';
import { GarminAuthenticator, GarminError, GarminErrorCode, GarminSession, PendingMfa, SignInResult } from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import { ApiSessionStore, createDataSource, GarminLinkStore, parseKeyring, runMigrations, SecretCipher, SignInCooldownStore } from '@fittrack/persistence';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { randomBytes } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';
import { AccountLinker } from '../garmin-link/account-linker';
import { AbuseLimiter } from '../limits/abuse-limiter';
import { ApiTokensService } from '../tokens/api-tokens.service';
import { AuthError, SignInCooldownError } from './auth.errors';
import { PendingSignIns } from './pending-sign-ins';
import { SignInCooldowns } from './sign-in-cooldowns';
import { SignInMetrics } from './sign-in.metrics';
import { SignInService } from './sign-in.service';

jest.setTimeout(60_000);

/**
 * SignInService with its one seam, Garmin's authenticator, mocked; PostgreSQL is real, since what the
 * service promises is kept there: the linked user and session, the pending MFA state, the cooldowns.
 */
const cipher = new SecretCipher(parseKeyring(`spec:${randomBytes(32).toString('base64')}`));
const nowS = () => Math.floor(Date.now() / 1000);
let counter = 0;

function signedIn(profileId: number): SignInResult {
  const session = {
    version: 1,
    dialect: 'mobile+di',
    domain: 'garmin.com',
    diClientId: 'GARMIN_CONNECT_MOBILE_IOS_DI',
    oauth2: { access_token: 'access', refresh_token: 'refresh', expires_at: nowS() + 3600, refresh_token_expires_at: nowS() + 86_400 },
  } as GarminSession;
  return { kind: 'signed_in', session, via: 'mobile-impit', profile: { profileId, displayName: `runner${profileId}` } };
}

const pendingMfa = (): PendingMfa => ({ version: 2, strategy: 'mobile-impit', method: 'email', cookies: {}, params: {}, startedAt: Date.now(), expiresAt: Date.now() + 600_000 });

describe('SignInService', () => {
  let db: TestDatabase;
  const config = Object.assign(new GatewayConfig(), { SIGN_IN_COOLDOWN_MIN_SECONDS: 60 });
  const events = { publish: jest.fn() } as unknown as EventPublisher;
  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  function service(authenticator: Pick<GarminAuthenticator, 'start' | 'complete'>): SignInService {
    const ds = db.dataSource;
    const cooldownStore = new SignInCooldownStore();
    const tokens = new ApiTokensService(ds, config, events, new ApiSessionStore(ds));
    return new SignInService(
      config,
      authenticator as GarminAuthenticator,
      new AbuseLimiter(ds),
      new SignInCooldowns(ds, cooldownStore, config),
      new PendingSignIns(ds, cipher, config),
      new AccountLinker(ds, new GarminLinkStore(cipher), cooldownStore, tokens),
      new SignInMetrics(new MetricsService()),
    );
  }

  const client = () => ({ ip: `198.51.100.${++counter}`, userAgent: 'spec' });

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
  });

  afterAll(() => db?.drop());

  it('links the account and opens an API session; the password goes to Garmin once and is stored nowhere', async () => {
    const garmin = { start: jest.fn(async () => signedIn(7001)), complete: jest.fn() };
    const result = await service(garmin).signIn(' Runner@Example.com ', 'secret-pass-1', client());
    expect(result.kind).toBe('signed_in');
    expect(garmin.start).toHaveBeenCalledTimes(1);
    expect(garmin.start).toHaveBeenCalledWith('Runner@Example.com', 'secret-pass-1');
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM garmin_authentication_states g JOIN users u ON u.id = g.user_id WHERE u.garmin_profile_id = 7001`);
    expect(n).toBe(1);
    expect(JSON.stringify(await query(`SELECT * FROM garmin_authentication_states`))).not.toContain('secret-pass-1');
  });

  it('hands a wrong password back as Garmin said it (the HTTP layer words it), asking Garmin once, never again by itself', async () => {
    const garmin = { start: jest.fn(async () => Promise.reject(GarminError.invalidCredentials())), complete: jest.fn() };
    await expect(service(garmin).signIn('wrong@example.com', 'nope', client())).rejects.toMatchObject({ code: GarminErrorCode.InvalidCredentials });
    expect(garmin.start).toHaveBeenCalledTimes(1);
  });

  it('cools the account down after Garmin throttles it, refusing the next try without asking Garmin', async () => {
    const garmin = { start: jest.fn(async () => Promise.reject(GarminError.rateLimited(120))), complete: jest.fn() };
    const signIns = service(garmin);
    await expect(signIns.signIn('throttled@example.com', 'pw', client())).rejects.toBeInstanceOf(SignInCooldownError);
    await expect(signIns.signIn('throttled@example.com', 'pw', client())).rejects.toBeInstanceOf(SignInCooldownError);
    expect(garmin.start).toHaveBeenCalledTimes(1);
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM sign_in_cooldowns WHERE cooldown_until > now()`);
    expect(n).toBeGreaterThan(0);
  });

  it('keeps a pending MFA sign-in encrypted, takes a wrong code with attempts left, then the right one with mfa recorded', async () => {
    const garmin = {
      start: jest.fn(async (): Promise<SignInResult> => ({ kind: 'mfa_required', pending: pendingMfa() })),
      complete: jest.fn(async (_pending: PendingMfa, code: string) => {
        if (code !== '123456') throw GarminError.invalidMfaCode();
        const { session, via, profile } = signedIn(7002) as Extract<SignInResult, { kind: 'signed_in' }>;
        return { session, via, profile };
      }),
    };
    const signIns = service(garmin);
    const started = await signIns.signIn('mfa@example.com', 'pw', client());
    if (started.kind !== 'mfa_required') throw new Error('expected an MFA challenge');
    const [stored] = await query(`SELECT * FROM pending_sign_ins`);
    expect(JSON.stringify(stored)).not.toContain('mobile-impit');
    await expect(signIns.completeMfa(started.challenge.challengeId, '000000', client())).rejects.toBeInstanceOf(AuthError);
    const linked = await signIns.completeMfa(started.challenge.challengeId, '123456', client());
    expect(garmin.complete).toHaveBeenCalledTimes(2);
    const [{ mfa }] = await query(`SELECT mfa_enabled AS mfa FROM user_sessions WHERE user_id = $1`, [linked.user.id]);
    expect(mfa).toBe(true);
  });
});
