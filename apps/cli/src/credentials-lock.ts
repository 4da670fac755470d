import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './cli-error';

/** What the lock file says about its holder. */
interface Holder {
  pid: number;
  host: string;
}

/** A lock file as a waiter saw it. */
interface Seen {
  inode: number;
  mtimeMs: number;
  holder?: Holder;
}

export interface LockTiming {
  /** A lock whose holder stopped touching it this long ago is stale (a frozen or killed holder, or a reused pid). */
  staleMs: number;
  /** How often the holder touches the lock file's mtime, to show it is alive. */
  heartbeatMs: number;
  /** How long a process waits for a live holder before it gives up with an error. */
  waitMs: number;
  pollMs: number;
}

const TIMING: LockTiming = { staleMs: 15_000, heartbeatMs: 2_000, waitMs: 60_000, pollMs: 50 };

/**
 * A lock file beside the credentials, so only one garmin-sync process at a time
 * refreshes the API session. The gateway rotates the refresh token on every use
 * and treats a rotated one coming back as theft (it revokes the session): two
 * processes refreshing with the same token at once would sign the user out.
 *
 * The file is created with O_EXCL and holds the holder's pid and host; the
 * holder touches its mtime every heartbeatMs. A waiter breaks the lock when its
 * holder is a dead process on this host, or when the mtime is older than staleMs
 * (a holder on another host, a frozen one, or a pid reused since). Breaking is
 * a rename, checked by inode, so two waiters breaking at once cannot remove a
 * lock that a third process has just taken.
 */
export class CredentialsLock {
  constructor(
    readonly path: string,
    private readonly timing: LockTiming = TIMING,
  ) {}

  /** Runs `work` while holding the lock. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const inode = await this.acquire();
    const heartbeat = setInterval(() => this.touch(inode), this.timing.heartbeatMs);
    heartbeat.unref();
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
      this.release(inode);
    }
  }

  private async acquire(): Promise<number> {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + this.timing.waitMs;
    for (;;) {
      const inode = this.tryCreate();
      if (inode !== undefined) return inode;
      const seen = this.inspect();
      if (seen && this.isStale(seen)) {
        this.breakStale(seen);
        continue;
      }
      if (Date.now() > deadline) {
        throw new CliError(
          `Another garmin-sync${seen?.holder ? ` (pid ${seen.holder.pid})` : ''} has been refreshing your session for over ${Math.round(this.timing.waitMs / 1000)} s.`,
          `If no other garmin-sync is running, delete ${this.path} and try again.`,
        );
      }
      await sleep(this.timing.pollMs);
    }
  }

  /** The new lock's inode, or undefined when the lock is taken. */
  private tryCreate(): number | undefined {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw error;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder));
      return fstatSync(fd).ino;
    } finally {
      closeSync(fd);
    }
  }

  /** The current lock (undefined if it just went); its holder is undefined while the creator has not written it yet. */
  private inspect(path = this.path): Seen | undefined {
    try {
      const { ino, mtimeMs } = statSync(path);
      let holder: Holder | undefined;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
      } catch {
        holder = undefined;
      }
      return { inode: ino, mtimeMs, holder };
    } catch {
      return undefined;
    }
  }

  private isStale(lock: Seen): boolean {
    if (Date.now() - lock.mtimeMs > this.timing.staleMs) return true;
    return lock.holder?.host === hostname() && Number.isInteger(lock.holder.pid) && !alive(lock.holder.pid);
  }

  /**
   * Moves the stale lock aside; if what moved is not the lock judged stale (someone broke and retook it meanwhile;
   * inode, mtime and holder together tell, as an inode number alone may be reused), puts it back.
   */
  private breakStale(stale: Seen): void {
    const aside = `${this.path}.stale.${process.pid}.${Date.now()}`;
    try {
      renameSync(this.path, aside);
    } catch {
      return; // already gone: someone else broke it
    }
    try {
      const moved = this.inspect(aside);
      if (!moved || moved.inode !== stale.inode || moved.mtimeMs !== stale.mtimeMs || moved.holder?.pid !== stale.holder?.pid) linkSync(aside, this.path);
    } catch {
      // a new lock is in place already (EEXIST): the moved one's holder will find its lock gone on release
    } finally {
      unlinkSync(aside);
    }
  }

  private touch(inode: number): void {
    try {
      if (statSync(this.path).ino !== inode) return;
      const now = new Date();
      utimesSync(this.path, now, now);
    } catch {
      // lock gone: release will find nothing to remove
    }
  }

  private release(inode: number): void {
    try {
      if (statSync(this.path).ino === inode) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
