import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVITY_EXPORT_FORMATS, ActivityExportFormat } from '@fittrack/contracts';
import { ActivityFileStore, StoredActivityFile } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { ActivityDownload, contentTypeOf, exportEtag } from './activity-download';
import { ActivityFileError } from './activity-files.errors';
import { toCsv } from './converters/csv';
import { toGpx } from './converters/gpx';
import { toTcx } from './converters/tcx';
import { decodeFit } from './fit/decode-fit';

const ACTIVITY_ID = /^[1-9]\d{0,18}$/;

/**
 * A user's activity files: the original as stored, and GPX/TCX/CSV converted from it. Each is built in memory
 * (one activity's file is small: the worker refuses originals over its size limit), never streamed.
 */
@Injectable()
export class ActivityFilesService {
  private readonly logger = new Logger(ActivityFilesService.name);
  private readonly files = new ActivityFileStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async original(userId: string, id: string): Promise<ActivityDownload> {
    const file = await this.fileOf(userId, id);
    return { body: file.data, contentType: contentTypeOf(file.format), fileName: `${file.activityId}.${file.format}`, etag: `"${file.sha256}"` };
  }

  async export(userId: string, id: string, format: unknown): Promise<ActivityDownload> {
    const wanted = exportFormatOf(format);
    const file = await this.fileOf(userId, id);
    if (file.format !== 'fit') throw ActivityFileError.notFit(file.activityId, file.format);
    let activity;
    try {
      activity = decodeFit(file.activityId, file.data);
    } catch (error) {
      if (error instanceof ActivityFileError) this.logger.warn(`activity ${file.activityId} of user ${userId} does not convert: ${error.message}`);
      throw error;
    }
    const meta = { activityId: file.activityId, name: file.name };
    const text = wanted === 'gpx' ? toGpx(activity, meta) : wanted === 'tcx' ? toTcx(activity, meta) : toCsv(activity.records);
    return { body: Buffer.from(text, 'utf8'), contentType: contentTypeOf(wanted), fileName: `${file.activityId}.${wanted}`, etag: exportEtag(file.sha256, wanted) };
  }

  private async fileOf(userId: string, id: string): Promise<StoredActivityFile> {
    const activityId = activityIdOf(id);
    const lookup = await this.files.fileOf(this.dataSource.manager, userId, activityId);
    if (lookup.found === 'no_activity') throw ActivityFileError.activityNotFound(activityId);
    if (lookup.found === 'activity_without_file') throw ActivityFileError.fileMissing(activityId);
    return lookup.file;
  }
}

function activityIdOf(id: string): number {
  const value = Number(id);
  if (!ACTIVITY_ID.test(id) || !Number.isSafeInteger(value)) throw ActivityFileError.badActivityId(id);
  return value;
}

function exportFormatOf(format: unknown): ActivityExportFormat {
  const wanted = ACTIVITY_EXPORT_FORMATS.find((known) => known === format);
  if (!wanted) throw ActivityFileError.unknownFormat(Array.isArray(format) ? format.join(',') : typeof format === 'string' ? format : undefined);
  return wanted;
}
