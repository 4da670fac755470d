import type { ExportView } from '@fittrack/contracts';
import { SingleBar } from 'cli-progress';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

const POLL_MS = 500;

/**
 * `garmin-sync export [--out DIR]`: asks the gateway for the whole archive (or joins the one already being made),
 * follows its progress (a bar on a terminal, a line per change otherwise), then streams the ZIP into DIR
 * (made if missing; the current directory by default) under the gateway's name for it.
 */
export async function exportArchive(api: ApiClient, term: Terminal, out: string | undefined): Promise<void> {
  const dir = resolve(out ?? '.');
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error('ENOTDIR');
  } catch (error) {
    throw CliError.usage(`--out ${dir} is not a directory that can be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  let view = await api.authed<ExportView>('POST', '/v1/exports', {});
  if (!term.json) term.say(`Export ${view.id}: making your archive.`);
  const bar = term.colour ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} items | {duration_formatted} elapsed', hideCursor: true }) : undefined;
  bar?.start(1, 0);
  let said = '';
  while (view.status === 'pending' || view.status === 'running') {
    await sleep(POLL_MS);
    view = await api.authed<ExportView>('GET', `/v1/exports/${view.id}`);
    if (bar) {
      bar.setTotal(Math.max(view.progress.total ?? 1, 1));
      bar.update(view.progress.done);
    } else if (!term.json) {
      const line = `${view.status} ${view.progress.done}/${view.progress.total ?? '?'} items`;
      if (line !== said) term.say((said = line));
    }
  }
  bar?.stop();
  if (view.status === 'failed') throw new CliError(`Export ${view.id} failed: ${(view.error ?? 'no reason given').replace(/\.$/, '')}.`, 'Try again with: garmin-sync export');
  const started = Date.now();
  const { path, bytes } = await api.downloadInto(view.downloadUrl ?? `/v1/exports/${view.id}/download`, dir, `garmin-export-${view.id}.zip`);
  if (term.json) return term.data({ exportId: view.id, path, bytes, counts: view.counts });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  term.say(`Saved your archive (${describe(view.counts ?? {})}; ${bytes} bytes) to ${path} in ${seconds} s.`);
}

function describe(counts: Record<string, number>): string {
  const files = counts['activity_files'] ?? 0;
  const activities = counts['activities/activities'] ?? 0;
  const days = Object.entries(counts)
    .filter(([entry]) => entry.startsWith('health/'))
    .reduce((sum, [, n]) => sum + n, 0);
  return `${activities} activities, ${files} original files, ${days} metric-days`;
}
