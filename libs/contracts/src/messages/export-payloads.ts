import { IsUUID } from 'class-validator';

/**
 * A user's whole archive as one ZIP (POST /v1/exports): every original activity file, plus every stored kind
 * as JSON and CSV. It is made by a worker, as a job, and kept for a while for download.
 */
export const EXPORT_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface ExportView {
  id: string;
  status: ExportStatus;
  /** Items written (files and rows), of the items the archive will hold (null until the worker counted them). */
  progress: { done: number; total: number | null };
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** When a completed archive is removed; a new export can be made at any time. */
  expiresAt: string | null;
  /** The ZIP's size, once completed. */
  sizeBytes: number | null;
  /** What the archive holds, per entry group (`activity_files`, `activities`, each health metric …), once completed. */
  counts: Record<string, number> | null;
  /** Where the ZIP is downloaded (with the same bearer token), once completed. */
  downloadUrl: string | null;
  /** Why it failed. */
  error: string | null;
}

/** The worker's command: make this export (idempotent: a redelivery makes it again, from the start). */
export class ExportRunCommand {
  @IsUUID()
  exportId!: string;

  @IsUUID()
  userId!: string;
}
