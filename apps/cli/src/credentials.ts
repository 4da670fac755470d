import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliConfig } from './cli-config';
import { CliError } from './cli-error';

export interface Credentials {
  gateway: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  accessExpiresAt: number;
  user: { id: string; displayName: string; garminProfileId: number };
}

/**
 * The credentials file: $XDG_CONFIG_HOME/garmin-sync/credentials.json, mode 0600
 * in a 0700 directory, written atomically (a temporary file renamed over it).
 * A file others can read is refused, with the command that fixes it.
 */
export class CredentialsFile {
  readonly path: string;

  constructor(config: CliConfig) {
    const base = config.XDG_CONFIG_HOME || join(config.HOME || homedir(), '.config');
    this.path = join(base, 'garmin-sync', 'credentials.json');
  }

  read(): Credentials | undefined {
    let mode: number;
    try {
      mode = statSync(this.path).mode & 0o777;
    } catch {
      return undefined;
    }
    if (mode & 0o077) {
      throw new CliError(
        `Your credentials file ${this.path} can be read by others (mode ${mode.toString(8).padStart(4, '0')}), so it was not used.`,
        `Fix it with: chmod 600 ${this.path}`,
      );
    }
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Credentials;
    } catch {
      throw new CliError(`Your credentials file ${this.path} is damaged.`, 'Sign in again with: garmin-sync login');
    }
  }

  write(credentials: Credentials): void {
    const dir = dirname(this.path);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  remove(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // nothing to remove
    }
  }
}
