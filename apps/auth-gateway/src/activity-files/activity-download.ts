import { ActivityExportFormat } from '@fittrack/contracts';

/** A file to send: its bytes, what it is, and the validator a client revalidates it with. */
export interface ActivityDownload {
  body: Buffer;
  contentType: string;
  fileName: string;
  /** Strong, quoted: the stored file's sha256 for the original, with the format and converter version for an export. */
  etag: string;
}

/** How the original's stored format (activity_files.file_format) and each export are served. */
const CONTENT_TYPE_OF: Record<string, string> = {
  fit: 'application/vnd.ant.fit',
  gpx: 'application/gpx+xml',
  tcx: 'application/vnd.garmin.tcx+xml',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

export function contentTypeOf(format: string): string {
  return CONTENT_TYPE_OF[format] ?? 'application/octet-stream';
}

/** Bumped whenever a converter's output changes, so a client's cached export is not taken for the new one. */
export const CONVERTER_VERSION = 1;

export function exportEtag(sha256: string, format: ActivityExportFormat): string {
  return `"${sha256}-${format}-v${CONVERTER_VERSION}"`;
}
