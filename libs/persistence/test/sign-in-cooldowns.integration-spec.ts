import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { createDataSource, GarminLinkStore, Keyring, runMigrations, SecretCipher, SignInCooldownStore, User } from '../src';

const HASH = (n: number) => n.toString(16).padStart(64, '0');
const POLICY = { minSeconds: 7200, maxSeconds: 86400 };

describe('sign-in cooldowns in PostgreSQL', () => {
  let db: TestDatabase;
  const store = new SignInCooldownStore();
  const links = new GarminLinkStore(new SecretCipher(new Keyring('k', new Map([['k', Buffer.alloc(32, 7)]]))));

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
  });

  afterAll(() => db.drop());

  const lengthOf = async (emailHash: string) => {
    const [row] = await db.dataSource.query(`SELECT EXTRACT(EPOCH FROM cooldown_until - updated_at)::int AS s FROM sign_in_cooldowns WHERE email_hash = $1`, [emailHash]);
    return row.s as number;
  };
  const lapse = (emailHash: string) => db.dataSource.query(`UPDATE sign_in_cooldowns SET cooldown_until = now() - interval '1 second' WHERE email_hash = $1`, [emailHash]);

  it('starts at the minimum and doubles with every cooldown in a row, up to the maximum', async () => {
    const hash = HASH(1);
    expect(await store.active(db.dataSource.manager, hash)).toBeNull();
    const lengths: number[] = [];
    for (let i = 0; i < 6; i++) {
      const cooldown = await store.start(db.dataSource.manager, hash, 'throttled', POLICY);
      expect(cooldown.strikes).toBe(i + 1);
      lengths.push(await lengthOf(hash));
      await lapse(hash);
    }
    expect(lengths).toEqual([7200, 14400, 28800, 57600, 86400, 86400]);
  });

  it('returns the running cooldown instead of doubling it again', async () => {
    const hash = HASH(2);
    const [first, second] = await Promise.all([
      store.start(db.dataSource.manager, hash, 'edge_refused', POLICY),
      store.start(db.dataSource.manager, hash, 'throttled', POLICY),
    ]);
    expect(second.until.getTime()).toBe(first.until.getTime());
    expect(second.strikes).toBe(1);
    const active = await store.active(db.dataSource.manager, hash);
    expect(active?.secondsLeft).toBeGreaterThan(7100);
    expect(active?.secondsLeft).toBeLessThanOrEqual(7200);
  });

  it('shows cooling_down on the account’s link, keeps it through a refresh, and a new sign-in clears it', async () => {
    const hash = HASH(3);
    const user = await db.dataSource.getRepository(User).save({ garminProfileId: 3, displayName: 'linked' });
    const link = { dialect: 'mobile+di', session: { any: 'thing' }, accessExpiresAt: null, refreshExpiresAt: null };
    await links.save(db.dataSource.manager, user.id, { ...link, signInEmailHash: hash });
    const cooldown = await store.start(db.dataSource.manager, hash, 'throttled', POLICY);

    const state = async () =>
      (await db.dataSource.query(`SELECT health_status, health_reason, cooldown_until, version FROM garmin_authentication_states WHERE user_id = $1`, [user.id]))[0];
    expect(await state()).toMatchObject({ health_status: 'cooling_down', cooldown_until: cooldown.until, version: 1 });
    expect((await state()).health_reason).toContain('no sign-in before');

    expect(await links.writeBack(db.dataSource.manager, user.id, 1, 'test-refresher', link)).toBe(true);
    expect(await state()).toMatchObject({ health_status: 'cooling_down', version: 2 });

    await db.dataSource.transaction(async (manager) => {
      await store.clear(manager, hash);
      await links.save(manager, user.id, link); // an import: the email hash stays known
    });
    expect(await store.active(db.dataSource.manager, hash)).toBeNull();
    expect(await state()).toMatchObject({ health_status: 'active', health_reason: null, cooldown_until: null });
    const [{ sign_in_email_hash }] = await db.dataSource.query(`SELECT sign_in_email_hash FROM garmin_authentication_states WHERE user_id = $1`, [user.id]);
    expect(sign_in_email_hash).toBe(hash);
  });

  it('lets one sign-in per account be under way: a second claim fails until the first is released or runs out', async () => {
    const hash = HASH(5);
    const manager = db.dataSource.manager;
    const claims = await Promise.all([store.claimSignIn(manager, hash, 60), store.claimSignIn(manager, hash, 60)]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await store.claimSignIn(manager, HASH(6), 60)).toBe(true);
    await store.releaseSignIn(manager, hash);
    expect(await store.claimSignIn(manager, hash, 60)).toBe(true);
    await db.dataSource.query(`UPDATE sign_ins_under_way SET until = now() - interval '1 second' WHERE email_hash = $1`, [hash]);
    expect(await store.claimSignIn(manager, hash, 60)).toBe(true);
  });

  it('starts again from the minimum after a clear', async () => {
    const hash = HASH(4);
    await store.start(db.dataSource.manager, hash, 'throttled', POLICY);
    await lapse(hash);
    await store.start(db.dataSource.manager, hash, 'throttled', POLICY);
    expect(await lengthOf(hash)).toBe(14400);
    await store.clear(db.dataSource.manager, hash);
    expect((await store.start(db.dataSource.manager, hash, 'throttled', POLICY)).strikes).toBe(1);
    expect(await lengthOf(hash)).toBe(7200);
  });
});
