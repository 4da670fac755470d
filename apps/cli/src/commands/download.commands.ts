import type { ActivityDownloadFormat } from '@fittrack/contracts';
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

const ACTIVITY_ID = /^[1-9]\d{0,18}$/;

/** An activity id as typed: Garmin's ids are positive integers (a usage error otherwise). */
export function activityIdArg(id: string): string {
  if (!ACTIVITY_ID.test(id)) throw CliError.usage(`"${id}" is not an activity id (Garmin's activity ids are positive integers).`);
  return id;
}

/**
 * `garmin-sync download ID [--format fit|gpx|tcx|csv] [--out PATH]`: the activity's original FIT (the
 * default) or the gateway's conversion of it, written to PATH (a file, or a directory to put it in; the
 * current directory by default) under the name the gateway gives it (`<id>.<format>`).
 */
export async function downloadActivity(api: ApiClient, term: Terminal, id: string, format: ActivityDownloadFormat, out: string | undefined): Promise<void> {
  activityIdArg(id);
  const path = format === 'fit' ? `/v1/activities/${id}/file` : `/v1/activities/${id}/export?format=${format}`;
  const { bytes, fileName } = await api.download(path);
  const target = targetOf(out, fileName ?? `${id}.${format}`);
  try {
    writeFileSync(target, bytes);
  } catch (error) {
    throw new CliError(`Could not write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 'Give another place with --out PATH.');
  }
  if (term.json) return term.data({ activityId: id, format, path: target, bytes: bytes.length });
  term.say(`Saved activity ${id} (${format.toUpperCase()}, ${bytes.length} bytes) to ${target}.`);
}

/** An existing directory gets the file inside it; anything else is the file's own path. */
function targetOf(out: string | undefined, fileName: string): string {
  const place = resolve(out ?? '.');
  const isDirectory = (() => {
    try {
      return statSync(place).isDirectory();
    } catch {
      return false;
    }
  })();
  return isDirectory ? join(place, fileName) : place;
}
