import { chmodSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './cli-error';
import { Credentials, CredentialsFile } from './credentials';

const sample: Credentials = {
  gateway: 'http://127.0.0.1:3000',
  accessToken: 'fgs_at_x',
  refreshToken: 'fgs_rt_y',
  accessExpiresAt: 1,
  user: { id: 'u', displayName: 'runner', garminProfileId: 7 },
};

describe('CredentialsFile', () => {
  const fileIn = () => new CredentialsFile({ XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'creds-')), GARMIN_SYNC_GATEWAY: '' });

  it('lives in $XDG_CONFIG_HOME/garmin-sync, written 0600 in a 0700 folder, with no temporary file left', () => {
    const file = fileIn();
    file.write(sample);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(file.path, '..')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(file.path, '..'))).toEqual(['credentials.json']);
    expect(file.read()).toEqual(sample);
  });

  it('falls back to ~/.config without XDG_CONFIG_HOME', () => {
    expect(new CredentialsFile({ HOME: '/home/someone', GARMIN_SYNC_GATEWAY: '' }).path).toBe('/home/someone/.config/garmin-sync/credentials.json');
  });

  it('refuses a file others can read, naming the fix', () => {
    const file = fileIn();
    file.write(sample);
    chmodSync(file.path, 0o640);
    expect(() => file.read()).toThrow(CliError);
    expect(() => file.read()).toThrow(/mode 0640/);
  });

  it('reads "no file" as not signed in, and removes idempotently', () => {
    const file = fileIn();
    expect(file.read()).toBeUndefined();
    file.remove();
    file.remove();
  });
});
