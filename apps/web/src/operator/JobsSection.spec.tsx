import { fireEvent, render, screen, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { answerConsole, JOB, JOBS } from './operator.fixtures';
import { OperatorPage } from './OperatorPage';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

const jobPaths = (api: FakeApi) => api.sent.map((request) => request.path).filter((path) => path.startsWith('/v1/admin/jobs'));
const select = (name: string) => screen.getByLabelText(name) as HTMLSelectElement;
const options = (name: string) => [...select(name).options].map((option) => option.textContent);

describe('the jobs of the operator console', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('lists every user’s jobs: who, status, kinds, trigger, progress, attempts, the error and when', async () => {
    answerConsole();
    render(<OperatorPage />);
    const [, row] = within(await screen.findByRole('region', { name: 'Jobs table' })).getAllByRole('row');
    const cells = within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells.slice(0, 4)).toEqual(['runnerGarmin 70000101', 'Failed', 'Activities, Healthtype all', 'Nightly']);
    expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(cells[5]).toBe('3');
    expect(cells[6]).toBe('GARMIN_RATE_LIMITEDGave up after 3 attempts: Garmin was throttling.');
    expect(cells[7]).toMatch(/^Dec 1, 2026, 2:00\sAMran 02:01\sAM–02:09\sAM$/);

    const figures = within(screen.getByLabelText('Jobs by status'));
    expect(figures.getByText('Completed').nextSibling?.textContent).toBe('120');
    expect(figures.getByText('Failed').nextSibling?.textContent).toBe('3');
    expect(figures.getByText('Pending').nextSibling?.textContent).toBe('0');
  });

  it('builds the filters from the fleet’s counts, asks for what is chosen, and pages through it', async () => {
    const failedPage = { ...JOBS, items: Array.from({ length: 20 }, (_, i) => ({ ...JOB, id: `job-${i}` })), total: 45 };
    const api = answerConsole()
      .answer('GET', '/v1/admin/jobs?status=failed&page=1&pageSize=20', 200, failedPage)
      .answer('GET', '/v1/admin/jobs?status=failed&page=2&pageSize=20', 200, { ...failedPage, page: 2 })
      .answer('GET', '/v1/admin/jobs?status=failed&code=GARMIN_SESSION_REJECTED&page=1&pageSize=20', 200, { ...JOBS, total: 1 });
    render(<OperatorPage />);
    await screen.findByRole('region', { name: 'Jobs table' });
    expect(options('Status')).toEqual(['Any status (125)', 'Running (2)', 'Completed (120)', 'Failed (3)']);
    expect(options('Error code')).toEqual(['Any error code', 'GARMIN_RATE_LIMITED (2)', 'GARMIN_SESSION_REJECTED (1)']);

    fireEvent.change(select('Status'), { target: { value: 'failed' } });
    expect(await screen.findByText('Jobs 1–20 of 45 · page 1 of 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Previous' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Jobs 21–40 of 45 · page 2 of 3')).toBeTruthy();

    // Another filter starts again at the first page.
    fireEvent.change(select('Error code'), { target: { value: 'GARMIN_SESSION_REJECTED' } });
    expect(await screen.findByText('Jobs 1–1 of 1 · page 1 of 1')).toBeTruthy();
    expect(jobPaths(api)).toEqual([
      '/v1/admin/jobs?page=1&pageSize=20',
      '/v1/admin/jobs?status=failed&page=1&pageSize=20',
      '/v1/admin/jobs?status=failed&page=2&pageSize=20',
      '/v1/admin/jobs?status=failed&code=GARMIN_SESSION_REJECTED&page=1&pageSize=20',
    ]);
  });

  it('says when no job matches the filters, and clears them', async () => {
    answerConsole().answer('GET', '/v1/admin/jobs?status=running&page=1&pageSize=20', 200, { ...JOBS, items: [], total: 0 });
    render(<OperatorPage />);
    await screen.findByRole('region', { name: 'Jobs table' });
    fireEvent.change(select('Status'), { target: { value: 'running' } });
    expect(await screen.findByText('No job matches these filters.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('region', { name: 'Jobs table' })).toBeTruthy();
    expect(select('Status').value).toBe('');
  });

  it('says when nobody has synced yet, and offers no error code when nothing failed', async () => {
    answerConsole({ jobs: { items: [], page: 1, pageSize: 20, total: 0, byStatus: {}, failedByCode: {} } });
    render(<OperatorPage />);
    expect(await screen.findByText(/^No sync job yet\./)).toBeTruthy();
    expect(select('Error code').disabled).toBe(true);
    expect(options('Error code')).toEqual(['No failed job']);
  });

  it('shows the gateway’s message when the jobs cannot be read, and reads them on "Try again"', async () => {
    const api = new FakeApi().answer('GET', '/v1/admin/jobs?page=1&pageSize=20', 503, { statusCode: 503, message: 'The database is unavailable.' });
    answerConsole({}, api);
    render(<OperatorPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The jobs could not be loaded: The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Jobs table' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
