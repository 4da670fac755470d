import type { NightlyStatusReply } from '@fittrack/contracts';
import type { FleetJob, FleetJobPage, FleetLinks, FleetWorkers, UpstreamSeries } from '../api/operator';
import { FakeApi } from '../testing/fake-api';

/** Answers of the operator API for the console's component tests (spec files only). */

export const JOB: FleetJob = {
  id: '0b5c0cf4-6f7b-4c2b-8a53-8d6f0f5c0b11',
  userId: '9a1f3c2e-0000-4000-8000-000000000001',
  displayName: 'runner',
  garminProfileId: 70_000_101,
  status: 'failed',
  type: 'all',
  trigger: 'nightly',
  kinds: ['activities', 'health'],
  progress: 40,
  attempts: 3,
  errorCode: 'GARMIN_RATE_LIMITED',
  error: 'Gave up after 3 attempts: Garmin was throttling.',
  createdAt: '2026-12-01T02:00:00Z',
  startedAt: '2026-12-01T02:01:00Z',
  finishedAt: '2026-12-01T02:09:00Z',
};

export const JOBS: FleetJobPage = {
  items: [JOB],
  page: 1,
  pageSize: 20,
  total: 1,
  byStatus: { completed: 120, failed: 3, running: 2 },
  failedByCode: { GARMIN_RATE_LIMITED: 2, GARMIN_SESSION_REJECTED: 1 },
};

export const LINKS: FleetLinks = {
  byHealth: { active: 40, needs_login: 2, revoked: 1, unlinked: 1 },
  mustSignIn: [
    {
      userId: '9a1f3c2e-0000-4000-8000-000000000002',
      displayName: 'swimmer',
      garminProfileId: 70_000_102,
      health: 'needs_login',
      reason: 'Garmin refused the refresh token: sign in again.',
      cooldownUntil: null,
      since: '2026-12-02T08:30:00Z',
    },
  ],
};

export const NIGHTLY: NightlyStatusReply = {
  runs: [
    {
      id: 'r1',
      runDate: '2026-12-02',
      trigger: 'schedule',
      startedAt: '2026-12-02T02:00:00Z',
      finishedAt: '2026-12-02T02:00:04Z',
      usersEnqueued: 37,
      usersAlreadyQueued: 2,
      skipped: { needs_login: 2, revoked: 1, cooling_down: 0 },
      refreshesRequested: 5,
      error: null,
    },
  ],
};

export const UPSTREAM: UpstreamSeries = {
  hours: 24,
  bucketMinutes: 15,
  buckets: [
    { at: '2026-12-02T10:00:00Z', requests: 120, throttled: 0, failed: 1, cooldownsStarted: 0 },
    { at: '2026-12-02T10:15:00Z', requests: 300, throttled: 4, failed: 0, cooldownsStarted: 1 },
  ],
  totals: { requests: 420, throttled: 4, failed: 1, cooldownsStarted: 1 },
  coolingDown: 2,
};

export const WORKERS: FleetWorkers = { workers: [] };

export interface ConsoleAnswers {
  jobs?: FleetJobPage;
  links?: FleetLinks;
  workers?: FleetWorkers;
  upstream?: UpstreamSeries;
  nightly?: NightlyStatusReply;
}

/** The five reads of a first visit (default filters, 24 hours), each answered with the given body or the fixture's. */
export function answerConsole(answers: ConsoleAnswers = {}, api = new FakeApi()): FakeApi {
  return api
    .answer('GET', '/v1/admin/jobs?page=1&pageSize=20', 200, answers.jobs ?? JOBS)
    .answer('GET', '/v1/admin/links', 200, answers.links ?? LINKS)
    .answer('GET', '/v1/admin/workers', 200, answers.workers ?? WORKERS)
    .answer('GET', '/v1/admin/upstream?hours=24', 200, answers.upstream ?? UPSTREAM)
    .answer('GET', '/v1/admin/nightly?limit=10', 200, answers.nightly ?? NIGHTLY);
}
