import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bufferChurned } from '@fittrack/app-core';
import { ExportRunCommand } from '@fittrack/contracts';
import { ARCHIVE_SECTIONS, ArchiveSourceStore, ExportAttempt, ExportStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { csvBatch, JSON_END, jsonBatch } from './archive-formats';
import { ZipWriter } from './zip-writer';

/** Pieces of the ZIP as stored (data_export_chunks): the download streams them one at a time. */
const CHUNK_BYTES = 512 * 1024;
/** A ZIP without ZIP64 (fflate writes none) holds at most this many entries, and this many bytes. */
const ZIP_MAX_ENTRIES = 0xffff;
const ZIP_MAX_BYTES = 0xffffffff;
/** Progress (and the sign of life the reconciler looks for) at most this often. */
const PROGRESS_EVERY_MS = 1000;

/** What became of a command: done (acked), or to be tried again later (another attempt starts over). */
export type ExportVerdict = 'done' | 'retry';

/** The attempt lost its export: another attempt began (a redelivery), or the user was deleted. */
class AttemptSuperseded extends Error {}

/**
 * Makes a user's archive: every original activity file under activities/files/, then every kind with rows as
 * JSON and CSV, a manifest and a README, streamed into chunks as it is compressed (memory stays flat whatever
 * the archive's size). A redelivered command starts a new attempt, which fences the old one out.
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger(ExportRunner.name);
  private readonly exports = new ExportStore();
  private readonly source = new ArchiveSourceStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: WorkerConfig,
  ) {}

  async run(command: ExportRunCommand, working: () => void): Promise<ExportVerdict> {
    const attempt = await this.exports.start(this.dataSource.manager, command.exportId);
    if (!attempt) return 'done';
    this.logger.log(`export ${attempt.exportId} of user ${attempt.userId}: attempt ${attempt.attempt}`);
    try {
      const { size, counts } = await this.write(attempt, working);
      if (!(await this.exports.complete(this.dataSource.manager, attempt, size, counts, this.config.EXPORT_KEEP_HOURS))) throw new AttemptSuperseded();
      this.logger.log(`export ${attempt.exportId}: completed, ${size} bytes`);
      return 'done';
    } catch (error) {
      if (error instanceof AttemptSuperseded) {
        this.logger.warn(`export ${attempt.exportId}: attempt ${attempt.attempt} was superseded; leaving it`);
        return 'done';
      }
      if (isConnectionError(error)) {
        this.logger.warn(`export ${attempt.exportId}: ${String(error)}; will be tried again`);
        return 'retry';
      }
      this.logger.error(`export ${attempt.exportId} failed: ${String(error)}`);
      await this.exports.fail(this.dataSource.manager, attempt, `the archive could not be made: ${(error as Error).message}`, this.config.EXPORT_KEEP_HOURS);
      return 'done';
    }
  }

  private async write(attempt: ExportAttempt, working: () => void): Promise<{ size: number; counts: Record<string, number> }> {
    const manager = this.dataSource.manager;
    const counts = await this.source.count(manager, attempt.userId);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    // Every file, a JSON and a CSV per section with rows, the manifest and the README.
    const entries = (counts['activity_files'] ?? 0) + 2 * ARCHIVE_SECTIONS.filter((section) => counts[section.entry]).length + 2;
    if (entries > ZIP_MAX_ENTRIES) throw new Error(`it would hold ${entries} entries, more than a ZIP can without ZIP64 (${ZIP_MAX_ENTRIES})`);
    let done = 0;
    let reported = 0;
    const report = async (force = false) => {
      if (!force && Date.now() - reported < PROGRESS_EVERY_MS) return;
      reported = Date.now();
      working();
      if (!(await this.exports.progress(manager, attempt, done, total))) throw new AttemptSuperseded();
    };
    await report(true);

    let seq = 0;
    const zip = new ZipWriter(CHUNK_BYTES, async (chunk) => {
      bufferChurned(chunk.length);
      if (zip.size > ZIP_MAX_BYTES) throw new Error(`it would be larger than a ZIP can be without ZIP64 (4 GB)`);
      if (!(await this.exports.appendChunk(manager, attempt, seq++, chunk))) throw new AttemptSuperseded();
    });
    const written: Record<string, number> = {};
    for await (const file of this.source.files(manager, attempt.userId)) {
      await zip.file(`activities/files/${file.activityId}.${file.format}`, file.data);
      bufferChurned(file.data.length);
      written['activity_files'] = (written['activity_files'] ?? 0) + 1;
      done++;
      await report();
    }
    for (const section of ARCHIVE_SECTIONS) {
      if (!counts[section.entry]) continue;
      const json = zip.entry(`${section.entry}.json`);
      let first = true;
      // A ZIP's entries come one after another, so the CSV is a second pass over the rows (one batch at a time).
      for await (const rows of this.source.rows(manager, attempt.userId, section)) {
        await json.write(jsonBatch(rows, first));
        first = false;
        done += rows.length;
        written[section.entry] = (written[section.entry] ?? 0) + rows.length;
        await report();
      }
      await json.close(JSON_END);
      const csv = zip.entry(`${section.entry}.csv`);
      first = true;
      for await (const rows of this.source.rows(manager, attempt.userId, section)) {
        await csv.write(csvBatch(rows, first));
        first = false;
        working();
      }
      await csv.close();
    }
    await zip.file('manifest.json', JSON.stringify({ exportId: attempt.exportId, createdAt: new Date().toISOString(), counts: written }, null, 2));
    await zip.file('README.txt', README);
    await zip.end();
    await report(true);
    return { size: zip.size, counts: written };
  }
}

const README = `Your Garmin data, as FitTrack Garmin Sync stored it.

activities/files/<id>.fit   the original file of each activity, as Garmin gave it
activities/activities.json  every activity (Garmin's list entry and detail as stored); .csv the same, flat
activities/<part>.json      splits, zones, exercise sets, weather of each activity
health/<metric>.json        one row per day: the headline value and Garmin's JSON (with intraday series)
records/<kind>.json         devices, gear, personal records, weigh-ins and the like
workouts/workouts.json      your workouts
manifest.json               what this archive holds, per entry
Each .csv holds the same rows as its .json, with Garmin's JSON in a column.
`;

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03' || /Connection terminated/i.test(String(error));
}
