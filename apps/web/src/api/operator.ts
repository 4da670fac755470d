import type { NightlyStatusReply, SyncJobStatus } from '@fittrack/contracts';
import { api } from './client';

/**
 * The operator console's API (README, "The operator console's API"): `/v1/admin/*`, for sessions of accounts in
 * OPERATOR_GARMIN_PROFILE_IDS only (anyone else gets 403 OPERATOR_ONLY). Nothing in it is a secret.
 */

/** A sync job of any user, as GET /v1/admin/jobs lists it. */
export interface FleetJob {
  id: string;
  userId: string;
  displayName: string | null;
  garminProfileId: number;
  status: SyncJobStatus;
  type: string;
  trigger: string;
  kinds: string[];
  progress: number;
  attempts: number;
  errorCode: string | null;
  /** The error in the user's plain words. */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface FleetJobPage {
  items: FleetJob[];
  page: number;
  pageSize: number;
  /** Jobs matching the filter. */
  total: number;
  /** Every job by status, and the failed ones by error code: the whole fleet, whatever the filter. */
  byStatus: Record<string, number>;
  failedByCode: Record<string, number>;
}

export interface FleetJobsQuery {
  status?: SyncJobStatus;
  /** The error code the jobs ended with (`GARMIN_RATE_LIMITED`, …). */
  code?: string;
  page?: number;
  pageSize?: number;
}

/** Someone whose Garmin link only they can bring back, by signing in again. */
export interface LostLink {
  userId: string;
  displayName: string | null;
  garminProfileId: number;
  health: string;
  reason: string | null;
  cooldownUntil: string | null;
  /** When the link last changed. */
  since: string;
}

export interface FleetLinks {
  /** Every user's link by health (`active`, `refresh_failed`, `cooling_down`, `needs_login`, `revoked`, `unlinked`). */
  byHealth: Record<string, number>;
  /** Most recent first, at most 100. */
  mustSignIn: LostLink[];
}

export interface UpstreamCounts {
  requests: number;
  /** Garmin answered 429. */
  throttled: number;
  /** 5xx answers, and requests that got no answer. */
  failed: number;
  cooldownsStarted: number;
}

export interface UpstreamBucket extends UpstreamCounts {
  /** The start of the bucket. */
  at: string;
}

export interface UpstreamSeries {
  hours: number;
  bucketMinutes: number;
  /** Oldest first, every bucket present (zeros when quiet). */
  buckets: UpstreamBucket[];
  totals: UpstreamCounts;
  /** Garmin accounts cooling down now. */
  coolingDown: number;
}

export interface WorkerJob {
  jobId: string;
  displayName: string | null;
  kinds: string[];
  currentKind: string | null;
  progress: number;
  startedAt: string | null;
}

export interface FleetWorker {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  /** Its last heartbeat. */
  lastSeenAt: string;
  /** Seconds since then when the list was read, by the server's clock (the browser's may be off). */
  secondsSinceSeen: number;
  /** The running jobs whose lease it holds. */
  jobs: WorkerJob[];
}

export interface FleetWorkers {
  /** Replicas seen in the last 10 minutes, newest start first. */
  workers: FleetWorker[];
}

export function listFleetJobs(query: FleetJobsQuery = {}): Promise<FleetJobPage> {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.code) params.set('code', query.code);
  params.set('page', String(query.page ?? 1));
  params.set('pageSize', String(query.pageSize ?? 20));
  return api<FleetJobPage>('GET', `/v1/admin/jobs?${params}`);
}

export const fleetLinks = () => api<FleetLinks>('GET', '/v1/admin/links');

export const nightlyRuns = (limit = 10) => api<NightlyStatusReply>('GET', `/v1/admin/nightly?limit=${limit}`);

export const upstreamSeries = (hours: number) => api<UpstreamSeries>('GET', `/v1/admin/upstream?hours=${hours}`);

export const fleetWorkers = () => api<FleetWorkers>('GET', '/v1/admin/workers');
