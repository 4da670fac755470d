import { render, screen, within } from '@testing-library/react';
import type { FleetWorker } from '../api/operator';
import { setDisplayTimeZone } from '../ui/dates';
import { answerConsole } from './operator.fixtures';
import { OperatorPage } from './OperatorPage';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const worker = (id: string, lastSeenMsAgo: number, jobs: FleetWorker['jobs'] = []): FleetWorker => ({ id, host: 'sync-1', pid: 41, startedAt: ago(3_600_000), lastSeenAt: ago(lastSeenMsAgo), secondsSinceSeen: lastSeenMsAgo / 1000, jobs });

describe('the workers of the operator console', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('shows each replica idle, or the jobs it runs with the kind under way, and marks one not seen for over a minute', async () => {
    const busy = worker('worker-busy', 4_000, [{ jobId: 'j1', displayName: 'runner', kinds: ['activities', 'health'], currentKind: 'health', progress: 65, startedAt: ago(60_000) }]);
    answerConsole({ workers: { workers: [worker('worker-idle', 5_000), busy, worker('worker-gone', 180_000)] } });
    render(<OperatorPage />);

    const idle = within(await screen.findByRole('article', { name: 'Worker worker-idle' }));
    expect(idle.getByText('Idle')).toBeTruthy();
    expect(idle.getByText('Idle: waiting for a job.')).toBeTruthy();
    expect(idle.getByText(/^sync-1 · pid 41 · up since/)).toBeTruthy();

    const running = within(screen.getByRole('article', { name: 'Worker worker-busy' }));
    expect(running.getByText('Running 1')).toBeTruthy();
    expect(running.getByText('runner')).toBeTruthy();
    expect(running.getByText('Health').className).toBe('current-kind');
    expect(running.getByText('Activities').className).toBe('muted');
    expect(running.getByRole('progressbar', { name: 'Progress of runner' }).getAttribute('aria-valuenow')).toBe('65');

    const gone = screen.getByRole('article', { name: 'Worker worker-gone' });
    expect(gone.className).toContain('stale');
    expect(within(gone).getByText('Not seen for 3 min')).toBeTruthy();
    expect(within(screen.getByRole('article', { name: 'Worker worker-idle' }).parentElement!).queryAllByText(/^Not seen/)).toHaveLength(1);
  });

  it('says when no worker has reported lately', async () => {
    answerConsole({ workers: { workers: [] } });
    render(<OperatorPage />);
    expect(await screen.findByText(/^No worker has reported in the last 10 minutes/)).toBeTruthy();
  });
});
