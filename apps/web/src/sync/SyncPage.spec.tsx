import type { SyncJobView } from '@fittrack/contracts';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { SyncPage } from './SyncPage';

/** jsdom has no EventSource: this one lets a test push the gateway's events. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  private readonly listeners = new Map<string, (message: { data: string }) => void>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, listener: (message: { data: string }) => void) {
    this.listeners.set(type, listener);
  }
  push(type: string, data: unknown) {
    act(() => this.listeners.get(type)?.({ data: JSON.stringify(data) }));
  }
  close() {
    this.closed = true;
  }
}

const JOB: SyncJobView = {
  id: '0b5c0cf4-6f7b-4c2b-8a53-8d6f0f5c0b11',
  userId: 'u',
  sessionId: 's',
  status: 'pending',
  type: 'all',
  kinds: ['activities', 'health'],
  trigger: 'manual',
  progress: 0,
  processedItems: 0,
  totalItems: null,
  currentKind: null,
  byKind: {},
  selection: [],
  archive: null,
  from: '2026-11-01',
  to: '2026-11-30',
  error: null,
  createdAt: '2026-12-01T10:00:00Z',
  startedAt: null,
  finishedAt: null,
};

describe('the sync page', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    (globalThis as unknown as { EventSource: unknown }).EventSource = FakeEventSource;
  });

  it('says what to do when there is no job yet', async () => {
    new FakeApi().answer('GET', '/v1/sync/jobs?page=1&pageSize=20', 200, { items: [], page: 1, pageSize: 20, total: 0 });
    render(<SyncPage />);
    expect((await screen.findByText(/No syncs yet/)).textContent).toContain('Start one above');
  });

  it('says why the jobs could not be loaded, and loads them on "Try again"', async () => {
    new FakeApi()
      .answer('GET', '/v1/sync/jobs?page=1&pageSize=20', 503, { statusCode: 503, message: 'The database is unavailable.' })
      .answer('GET', '/v1/sync/jobs?page=1&pageSize=20', 200, { items: [], page: 1, pageSize: 20, total: 0 });
    render(<SyncPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No syncs yet/)).toBeTruthy();
  });

  it('refuses a half-given range before asking the gateway', async () => {
    const api = new FakeApi().answer('GET', '/v1/sync/jobs?page=1&pageSize=20', 200, { items: [], page: 1, pageSize: 20, total: 0 });
    const { container } = render(<SyncPage />);
    await screen.findByText(/No syncs yet/);
    fireEvent.change(container.querySelector('input[name=from]')!, { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start sync' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Give both the first and the last day, or neither for everything new.');
    expect(api.sent.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('starts a sync of the chosen kinds and range, then shows its progress per kind as the gateway pushes it', async () => {
    const api = new FakeApi()
      .answer('GET', '/v1/sync/jobs?page=1&pageSize=20', 200, { items: [], page: 1, pageSize: 20, total: 0 })
      .answer('POST', '/v1/sync', 202, JOB);
    const { container } = render(<SyncPage />);
    await screen.findByText(/No syncs yet/);
    fireEvent.click(screen.getByLabelText('Workouts'));
    fireEvent.click(screen.getByLabelText('Profile'));
    fireEvent.change(container.querySelector('input[name=from]')!, { target: { value: '2026-11-01' } });
    fireEvent.change(container.querySelector('input[name=to]')!, { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start sync' }));

    const card = await screen.findByRole('article');
    expect(api.sent.find((r) => r.method === 'POST')!.body).toEqual({ types: ['activities', 'health'], from: '2026-11-01', to: '2026-11-30' });
    const [stream] = FakeEventSource.opened;
    expect(stream.url).toBe(`/v1/sync/jobs/${JOB.id}/events`);

    stream.push('job', { ...JOB, status: 'running', progress: 40, processedItems: 8, currentKind: 'health', byKind: { activities: { processed: 5, total: 5 }, health: { processed: 3, total: 15 } } });
    expect(within(card).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(within(card).getByText('Activities: 5 of 5')).toBeTruthy();
    expect(within(card).getByText('Health: 3 of 15')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Cancel' })).toBeTruthy();

    stream.push('end', { ...JOB, status: 'completed', progress: 100, processedItems: 20, byKind: { activities: { processed: 5, total: 5 }, health: { processed: 15, total: 15 } } });
    await waitFor(() => expect(within(card).getByText('Done')).toBeTruthy());
    expect(within(card).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(stream.closed).toBe(true);
  });

  it('shows a failed job’s error in the user’s words', async () => {
    new FakeApi().answer('GET', '/v1/sync/jobs?page=1&pageSize=20', 200, {
      items: [{ ...JOB, status: 'failed', error: 'Gave up after 3 attempts: Garmin was unavailable.', finishedAt: '2026-12-01T10:05:00Z' }],
      page: 1,
      pageSize: 20,
      total: 1,
    });
    render(<SyncPage />);
    expect((await screen.findByRole('alert')).textContent).toBe('Gave up after 3 attempts: Garmin was unavailable.');
    expect(FakeEventSource.opened).toEqual([]);
  });
});
