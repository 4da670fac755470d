import { canTransition, isTerminalStatus, SYNC_JOB_STATUSES, SyncJobStatus, sourcesOf } from './sync-job-status';

// The seed design's state machine, written out pair by pair so that a change
// to the transition table has to change this test too.
const LEGAL = new Set([
  'pending->running',
  'pending->cancelled',
  'running->completed',
  'running->failed',
  'running->cancelled',
]);

const pairs = SYNC_JOB_STATUSES.flatMap((from) => SYNC_JOB_STATUSES.map((to) => [from, to] as const));

describe('sync job state machine', () => {
  it.each(pairs)('%s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(LEGAL.has(`${from}->${to}`));
  });

  it('has exactly the five statuses of the seed design', () => {
    expect([...SYNC_JOB_STATUSES].sort()).toEqual(['cancelled', 'completed', 'failed', 'pending', 'running']);
  });

  it('lets nothing leave a terminal state', () => {
    const terminal = SYNC_JOB_STATUSES.filter(isTerminalStatus);
    expect(terminal.sort()).toEqual([SyncJobStatus.Cancelled, SyncJobStatus.Completed, SyncJobStatus.Failed]);
  });

  it('lists the legal sources of each target', () => {
    expect(sourcesOf(SyncJobStatus.Running)).toEqual(['pending']);
    expect(sourcesOf(SyncJobStatus.Cancelled)).toEqual(['pending', 'running']);
    expect(sourcesOf(SyncJobStatus.Pending)).toEqual([]);
  });
});
