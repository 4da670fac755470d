import { newAccount } from './support/accounts';
import { Gateway, GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

describe('abuse limits hold across two gateway processes', () => {
  let stack: GatewayStack;
  let a: Gateway;
  let b: Gateway;

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 2, env: { SIGN_IN_LIMIT_PER_HOUR: '8', MFA_LIMIT_PER_MINUTE: '4' } });
    [a, b] = stack.gateways;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const alternate = (i: number) => (i % 2 === 0 ? a : b);

  async function loginsSeen(): Promise<number> {
    return (await stack.sim.stats()).byRoute['/mobile/api/login'] ?? 0;
  }

  it('allows 5 sign-in attempts a minute per client address, then 429 with Retry-After, without asking Garmin', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) {
      const answer = await alternate(i).post('/v1/auth/login', { email: `stranger${i}@fittrack.test`, password: 'guess' }, { ip });
      expect(answer.status).toBe(401);
    }
    const seen = await loginsSeen();
    const limited = await b.post('/v1/auth/login', { email: 'stranger9@fittrack.test', password: 'guess' }, { ip });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('LIMIT_TOO_MANY_ATTEMPTS');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await loginsSeen()).toBe(seen);

    // Another address is not affected.
    expect((await a.post('/v1/auth/login', { email: 'stranger0@fittrack.test', password: 'guess' }, { ip: uniqueIp() })).status).toBe(401);
  });

  it('allows 5 sign-in attempts a minute per email, whatever the address, even for the right password', async () => {
    const account = await newAccount(stack.sim);
    for (let i = 0; i < 5; i++) {
      expect((await alternate(i).post('/v1/auth/login', { email: account.email, password: 'wrong' }, { ip: uniqueIp() })).status).toBe(401);
    }
    const limited = await a.post('/v1/auth/login', { email: account.email.toUpperCase(), password: account.password }, { ip: uniqueIp() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('gives an unknown email the same limit as a known one (no enumeration)', async () => {
    const known = await newAccount(stack.sim);
    const answers = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await alternate(i).post('/v1/auth/login', { email, password: 'wrong' }, { ip: uniqueIp() })).status);
      return statuses;
    };
    expect(await answers(known.email)).toEqual(await answers('no-such-person@fittrack.test'));
  });

  it('holds the hourly limit too, after the minute window has passed', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) await alternate(i).post('/v1/auth/login', { email: `hourly${i}@fittrack.test`, password: 'x' }, { ip });
    // End the minute windows as if a minute had passed; the hour windows stay.
    await stack.database.dataSource.query(`UPDATE rate_limit_counters SET expires_at = now() WHERE bucket LIKE $1`, [`sign-in:ip:${ip}:60`]);
    for (let i = 5; i < 8; i++) {
      expect((await alternate(i).post('/v1/auth/login', { email: `hourly${i}@fittrack.test`, password: 'x' }, { ip })).status).toBe(401);
    }
    const limited = await a.post('/v1/auth/login', { email: 'hourly9@fittrack.test', password: 'x' }, { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('limits MFA submissions per client address, whatever the challenge', async () => {
    const ip = uniqueIp();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await alternate(i).post('/v1/auth/mfa', { challengeId: '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', code: '123456' }, { ip });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([410, 410, 410, 410, 429]);
  });
});
