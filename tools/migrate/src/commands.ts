import { addressOf } from '@fittrack/app-core';
import { ensureDatabase, revertAllMigrations, revertLastMigration, runMigrations } from '@fittrack/persistence';

export const COMMANDS = ['up', 'down', 'reset'] as const;
export type Command = (typeof COMMANDS)[number];

export interface Output {
  line(text: string): void;
}

/** Runs one command against the database; returns the process exit code. */
export async function runCommand(command: Command, url: string, out: Output): Promise<number> {
  const target = `${addressOf(url)}/${new URL(url).pathname.slice(1)}`;
  try {
    if (command === 'up') {
      if (await ensureDatabase(url)) out.line(`created database ${target}`);
      const applied = await runMigrations(url, (l) => out.line(l));
      out.line(applied.length ? `${applied.length} migration(s) applied to ${target}` : `${target} is up to date`);
    } else if (command === 'down') {
      const reverted = await revertLastMigration(url, (l) => out.line(l));
      out.line(reverted ? `reverted 1 migration on ${target}` : `nothing to revert on ${target}`);
    } else {
      const reverted = await revertAllMigrations(url, (l) => out.line(l));
      out.line(`reverted ${reverted.length} migration(s) on ${target}`);
    }
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
      out.line(
        `PostgreSQL is unreachable at ${addressOf(url)} (DATABASE_URL). ` +
          'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
      );
    } else {
      out.line(`migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return 1;
  }
}
