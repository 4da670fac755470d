import type { ExportView } from '@fittrack/contracts';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { ExportsSection } from './ExportsSection';
import { EXPORT_POLL_MS } from './useExportPolling';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const PENDING: ExportView = {
  id: ID,
  status: 'pending',
  progress: { done: 0, total: null },
  createdAt: '2026-12-02T10:00:00Z',
  startedAt: null,
  completedAt: null,
  expiresAt: null,
  sizeBytes: null,
  counts: null,
  downloadUrl: null,
  error: null,
};
const RUNNING: ExportView = { ...PENDING, status: 'running', startedAt: '2026-12-02T10:00:01Z', progress: { done: 10, total: 40 } };
const COMPLETED: ExportView = {
  ...RUNNING,
  status: 'completed',
  progress: { done: 40, total: 40 },
  completedAt: '2026-12-02T10:00:05Z',
  expiresAt: '2026-12-05T10:00:05Z',
  sizeBytes: 2_400_000,
  counts: { activity_files: 4, 'activities/activities': 4, 'health/sleep': 32 },
  downloadUrl: `/v1/exports/${ID}/download`,
};

const tick = () => act(async () => void jest.advanceTimersByTime(EXPORT_POLL_MS));

describe('exporting the whole archive', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts an export, follows its progress every second, then offers the ZIP', async () => {
    const api = new FakeApi()
      .answer('GET', '/v1/exports', 200, [])
      .answer('POST', '/v1/exports', 202, PENDING)
      .answer('GET', `/v1/exports/${ID}`, 200, RUNNING)
      .answer('GET', `/v1/exports/${ID}`, 200, COMPLETED);
    render(<ExportsSection />);
    expect(await screen.findByText(/No exports yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Make an export' }));

    const item = await screen.findByRole('listitem', { name: /Waiting to start/ });
    expect(within(item).getByText('Counting what to put in it…')).toBeTruthy();
    expect(within(item).getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    expect((screen.getByRole('button', { name: 'Export under way…' }) as HTMLButtonElement).disabled).toBe(true);

    await tick();
    expect(within(item).getByText('10 of 40 items written')).toBeTruthy();
    expect(within(item).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');

    await tick();
    const link = within(item).getByRole('link', { name: 'Download ZIP' });
    expect(link.getAttribute('href')).toBe(`/v1/exports/${ID}/download`);
    expect(within(item).getByText(/^2\.3 MB · 40 items · kept until/)).toBeTruthy();
    expect(within(item).getByText('Original activity files: 4')).toBeTruthy();
    expect(within(item).getByText('Sleep: 32')).toBeTruthy();
    expect(within(item).queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: 'Make an export' })).toBeTruthy();

    // Done: no more reads.
    await tick();
    await tick();
    expect(api.sent.filter((r) => r.path === `/v1/exports/${ID}`)).toHaveLength(2);
  });

  it('follows an export already under way when the page opens, and lists the past ones', async () => {
    const failed: ExportView = { ...PENDING, id: '8d9e6679-7425-40de-944b-e07fc1f90ae7', status: 'failed', createdAt: '2026-12-01T10:00:00Z', error: 'the archive could not be made: disk full' };
    new FakeApi().answer('GET', '/v1/exports', 200, [RUNNING, failed]).answer('GET', `/v1/exports/${ID}`, 200, COMPLETED);
    render(<ExportsSection />);
    expect(await screen.findByText('10 of 40 items written')).toBeTruthy();
    expect(screen.getByText('the archive could not be made: disk full Make a new one.')).toBeTruthy();
    await tick();
    expect(screen.getByRole('link', { name: 'Download ZIP' })).toBeTruthy();
  });

  it('stops following when a read fails, and follows again on "Try again"', async () => {
    new FakeApi()
      .answer('GET', '/v1/exports', 200, [RUNNING])
      .answer('GET', `/v1/exports/${ID}`, 503, { statusCode: 503, message: 'The database is unavailable.' })
      .answer('GET', `/v1/exports/${ID}`, 200, COMPLETED);
    render(<ExportsSection />);
    await screen.findByText('10 of 40 items written');
    await tick();
    expect((await screen.findByRole('alert')).textContent).toContain('The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('10 of 40 items written');
    await tick();
    expect(screen.getByRole('link', { name: 'Download ZIP' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
