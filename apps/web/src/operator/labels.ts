import type { SyncJobStatus } from '@fittrack/contracts';
import { KIND_LABELS } from '../sync/labels';

/** The words of the console: an operator's, not the user's ("Syncing", "started by you" are the sync page's). */
export const STATUS_LABELS: Record<SyncJobStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A job's life in order: the figures and the status filter list them so. */
export const STATUS_ORDER = Object.keys(STATUS_LABELS) as SyncJobStatus[];

export const statusLabel = (status: string) => STATUS_LABELS[status as SyncJobStatus] ?? status;

const TRIGGER_LABELS: Record<string, string> = { manual: 'Manual', nightly: 'Nightly', platform: 'Platform', schedule: 'Scheduled', operator: 'Operator' };

export const triggerLabel = (trigger: string) => TRIGGER_LABELS[trigger] ?? trigger;

export const kindLabel = (kind: string) => KIND_LABELS[kind as keyof typeof KIND_LABELS] ?? kind;

/** Link healths as GET /v1/admin/links counts them, in the order an operator reads them: fine, then worse. */
export const HEALTH_LABELS: Record<string, string> = {
  active: 'Linked',
  refresh_failed: 'Renewal failing',
  cooling_down: 'Cooling down',
  needs_login: 'Must sign in',
  revoked: 'Revoked',
  unlinked: 'Not linked',
};

export const healthLabel = (health: string) => HEALTH_LABELS[health] ?? health;

/** Why the nightly run skipped users (`skipped` of a run). */
const SKIP_LABELS: Record<string, string> = { needs_login: 'must sign in', revoked: 'revoked', cooling_down: 'cooling down' };

export const skipLabel = (reason: string) => SKIP_LABELS[reason] ?? reason.replace(/_/g, ' ');
