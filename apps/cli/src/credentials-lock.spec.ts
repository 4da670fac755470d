import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './cli-error';
import { CredentialsLock } from './credentials-lock';

const FAST = { staleMs: 1_000, heartbeatMs: 100, waitMs: 3_000, pollMs: 10 };

describe('CredentialsLock (on the real file system)', () => {
  const lockIn = () => join(mkdtempSync(join(tmpdir(), 'lock-')), 'garmin-sync', 'credentials.json.lock');

  it('lets one holder at a time in, and is gone after the last', async () => {
    const path = lockIn();
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} in`);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
      await sleep(50);
      events.push(`${name} out`);
    };
    await Promise.all([new CredentialsLock(path, FAST).hold(work('a')), new CredentialsLock(path, FAST).hold(work('b'))]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(existsSync(path)).toBe(false);
  });

  it('keeps a slow live holder its lock by the heartbeat, past the staleness age', async () => {
    const path = lockIn();
    const order: string[] = [];
    const slow = new CredentialsLock(path, FAST).hold(async () => {
      await sleep(1_500); // longer than staleMs: only the heartbeat keeps the lock fresh
      order.push('slow done');
    });
    await sleep(20);
    await new CredentialsLock(path, FAST).hold(async () => void order.push('second in'));
    await slow;
    expect(order).toEqual(['slow done', 'second in']);
  });

  it('gives up on a live holder after waitMs, naming it and the file to delete', async () => {
    const path = lockIn();
    await new CredentialsLock(path, FAST).hold(async () => {
      const waiting = new CredentialsLock(path, { ...FAST, waitMs: 200 }).hold(async () => undefined);
      await expect(waiting).rejects.toThrow(CliError);
      await expect(waiting).rejects.toThrow(`Another garmin-sync (pid ${process.pid})`);
    });
  });

  it('breaks a lock of a dead pid, and one untouched for longer than staleMs', async () => {
    const path = lockIn();
    await new CredentialsLock(path, FAST).hold(async () => undefined); // makes the folder
    writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname() })); // above Linux's pid_max: never alive
    await new CredentialsLock(path, { ...FAST, staleMs: 60_000 }).hold(async () => undefined);
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname() }));
    const old = new Date(Date.now() - 5_000);
    utimesSync(path, old, old);
    await new CredentialsLock(path, FAST).hold(async () => undefined);
    expect(existsSync(path)).toBe(false);
    console.log('proved: the lock serializes holders, a heartbeat keeps a live one, and dead or silent holders are broken');
  });
});
