import type { ExportView } from '@fittrack/contracts';
import { api } from './client';

/** README, "Exporting the whole archive": a job a worker runs; once completed its `downloadUrl` serves the ZIP. */
export const startExport = () => api<ExportView>('POST', '/v1/exports');

/** The caller's last 20 exports, newest first. */
export const listExports = () => api<ExportView[]>('GET', '/v1/exports');

export const getExport = (id: string, signal?: AbortSignal) => api<ExportView>('GET', `/v1/exports/${encodeURIComponent(id)}`, { signal });
