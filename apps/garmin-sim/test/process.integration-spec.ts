import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServiceProcess } from '@fittrack/testing';

const ENTRY = 'dist/apps/garmin-sim/main.js';

describe('garmin-sim as a process', () => {
  it('starts from its config, prints the demo accounts, serves, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const sim = await new ServiceProcess({
      entry: ENTRY,
      env: { PORT: String(port), SIM_SEED: 'process-test' },
      readyUrl: `http://127.0.0.1:${port}/__sim/accounts`,
    }).start();
    try {
      expect(sim.logs).toContain(`garmin-sim listening on http://127.0.0.1:${port} (seed "process-test")`);
      expect(sim.logs).toContain('demo@fittrack.test');
      expect(sim.logs).toContain('mfa@fittrack.test');
      // The default profile is today's Garmin: the Android client id is refused, with no Retry-After (garth #217).
      const page = await fetch(`http://127.0.0.1:${port}/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK`);
      expect(page.status).toBe(429);
      expect(page.headers.get('retry-after')).toBeNull();
      expect((await fetch(`http://127.0.0.1:${port}/sso/embed`)).status).toBe(200);
      expect(await sim.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await sim.stop('SIGKILL');
    }
  });

  it('takes its accounts from SIM_ACCOUNTS_FILE', async () => {
    const file = join(tmpdir(), `sim-accounts-${process.pid}.json`);
    writeFileSync(file, JSON.stringify([{ email: 'file@fittrack.test', password: 'pw', displayName: 'from_file', profileId: 5 }]));
    const port = await freePort();
    const sim = await new ServiceProcess({
      entry: ENTRY,
      env: { PORT: String(port), SIM_ACCOUNTS_FILE: file },
      readyUrl: `http://127.0.0.1:${port}/__sim/accounts`,
    }).start();
    try {
      const accounts = (await (await fetch(`http://127.0.0.1:${port}/__sim/accounts`)).json()) as { email: string }[];
      expect(accounts.map((a) => a.email)).toEqual(['file@fittrack.test']);
    } finally {
      await sim.stop('SIGKILL');
    }
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['SIM_FAULTS', { SIM_FAULTS: '{"throttle":[{"probability":3}]}' }],
    ['SIM_ACCOUNTS_FILE', { SIM_ACCOUNTS_FILE: '/nonexistent/accounts.json' }],
    ['SIM_PROFILE', { SIM_PROFILE: 'lenient' }],
  ])('refuses to start with a bad %s, naming it', async (variable, env) => {
    const sim = await new ServiceProcess({ entry: ENTRY, env: { PORT: String(await freePort()), ...env } }).start();
    expect((await sim.waitForExit()).code).toBe(1);
    expect(sim.logs).toContain(variable === 'SIM_FAULTS' ? 'throttle[0].probability' : variable);
  });
});
