/** What GET /v1/activities/:id/export converts an activity's original FIT file to. */
export const ActivityExportFormat = {
  Gpx: 'gpx',
  Tcx: 'tcx',
  Csv: 'csv',
} as const;
export type ActivityExportFormat = (typeof ActivityExportFormat)[keyof typeof ActivityExportFormat];
export const ACTIVITY_EXPORT_FORMATS: readonly ActivityExportFormat[] = Object.values(ActivityExportFormat);

/** What `garmin-sync download` writes: the original FIT, or one of the exports. */
export const ACTIVITY_DOWNLOAD_FORMATS: readonly ('fit' | ActivityExportFormat)[] = ['fit', ...ACTIVITY_EXPORT_FORMATS];
export type ActivityDownloadFormat = (typeof ACTIVITY_DOWNLOAD_FORMATS)[number];
