import type { ExportStatus } from '@fittrack/contracts';

export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = {
  pending: 'Waiting to start',
  running: 'Being made',
  completed: 'Ready',
  failed: 'Failed',
};

export const isExportOpen = (status: ExportStatus) => status === 'pending' || status === 'running';
