import type { SyncSelectionView } from '@fittrack/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { formatDateTime, setDisplayTimeZone } from '../ui/dates';
import { SelectionSection } from './SelectionSection';

const CATALOG: SyncSelectionView['catalog'] = [
  { kind: 'activities', group: 'activities', store: 'activities', byDefault: true },
  { kind: 'activity_weather', group: 'activities', store: 'activity_part', byDefault: false },
  { kind: 'sleep', group: 'health', store: 'daily', byDefault: true },
  { kind: 'stress', group: 'health', store: 'daily', byDefault: true },
  { kind: 'spo2', group: 'health', store: 'daily', byDefault: false },
];

const DEFAULT_VIEW: SyncSelectionView = {
  default: ['activities', 'sleep', 'stress'],
  override: null,
  effective: ['activities', 'sleep', 'stress'],
  absent: [{ kind: 'stress', since: '2026-11-30T08:00:00Z', deviceIds: ['3442'] }],
  catalog: CATALOG,
};

const OWN_VIEW: SyncSelectionView = { ...DEFAULT_VIEW, override: ['activities', 'sleep', 'spo2'], effective: ['activities', 'sleep', 'spo2'] };

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('the selection of what is synced', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('shows the kinds by group, the deployment default and what the devices lack', async () => {
    new FakeApi().answer('GET', '/v1/sync/selection', 200, DEFAULT_VIEW);
    render(<SelectionSection />);
    const health = (await screen.findByRole('group', { name: /Health/ })) as HTMLFieldSetElement;
    expect(within(health).getAllByRole('checkbox').map((input) => (input as HTMLInputElement).value)).toEqual(['sleep', 'stress', 'spo2']);
    expect(screen.getByText(/You sync this server’s default: 3 of 5 kinds/)).toBeTruthy();
    expect(box('Stress').checked).toBe(true);
    expect(box('Pulse Ox (SpO2)').checked).toBe(false);
    expect(box('Stress').getAttribute('aria-describedby')).toBe('absent-stress');
    expect(document.getElementById('absent-stress')!.textContent).toBe(`no data from your devices (found ${formatDateTime('2026-11-30T08:00:00Z')})`);
    // Tagged "default": the three kinds of the deployment's default, not the others.
    expect(screen.getAllByText('default')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Back to the default' })).toBeNull();
  });

  it('saves the chosen kinds in catalog order, then says so', async () => {
    const api = new FakeApi().answer('GET', '/v1/sync/selection', 200, DEFAULT_VIEW).answer('PUT', '/v1/sync/selection', 200, OWN_VIEW);
    render(<SelectionSection />);
    await screen.findByRole('group', { name: /Health/ });
    expect((screen.getByRole('button', { name: 'Save selection' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(box('Pulse Ox (SpO2)'));
    fireEvent.click(box('Stress'));
    fireEvent.click(screen.getByRole('button', { name: 'Save selection' }));

    expect((await screen.findByRole('status')).textContent).toBe('Saved. The next sync brings in these kinds.');
    expect(api.sent.find((r) => r.method === 'PUT')!.body).toEqual({ kinds: ['activities', 'sleep', 'spo2'] });
    expect(screen.getByText(/You chose your own selection: 3 of 5 kinds/)).toBeTruthy();
    expect(box('Pulse Ox (SpO2)').checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Save selection' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('goes back to the default only once confirmed', async () => {
    const api = new FakeApi().answer('GET', '/v1/sync/selection', 200, OWN_VIEW).answer('DELETE', '/v1/sync/selection', 200, DEFAULT_VIEW);
    render(<SelectionSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Back to the default' }));
    // The confirm step takes the focus, on the harmless choice; Cancel changes nothing.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Back to the default' }));
    expect(api.sent.filter((r) => r.method === 'DELETE')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Back to the default' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use the default' }));
    expect((await screen.findByRole('status')).textContent).toBe('Back to the default. The next sync brings in its kinds.');
    expect(api.sent.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(box('Pulse Ox (SpO2)').checked).toBe(false);
    expect(box('Stress').checked).toBe(true);
    expect(screen.queryByRole('button', { name: 'Back to the default' })).toBeNull();
    expect(document.activeElement!.textContent).toMatch(/^You sync this server’s default: 3 of 5 kinds/);
  });

  it('shows the gateway’s reason when it refuses the selection, and keeps the boxes as they were ticked', async () => {
    const message = 'each of kinds must be one of: activities, activity_weather, sleep, stress, spo2';
    new FakeApi().answer('GET', '/v1/sync/selection', 200, DEFAULT_VIEW).answer('PUT', '/v1/sync/selection', 400, { statusCode: 400, error: 'Bad Request', message: [message] });
    render(<SelectionSection />);
    await screen.findByRole('group', { name: /Health/ });
    fireEvent.click(box('Pulse Ox (SpO2)'));
    fireEvent.click(screen.getByRole('button', { name: 'Save selection' }));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(box('Pulse Ox (SpO2)').checked).toBe(true);
  });

  it('refuses an empty selection before asking the gateway', async () => {
    const api = new FakeApi().answer('GET', '/v1/sync/selection', 200, DEFAULT_VIEW);
    render(<SelectionSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose none of Activities' }));
    fireEvent.click(screen.getByRole('button', { name: 'Choose none of Health' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save selection' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose at least one kind of data, or go back to the default.');
    expect(api.sent.map((r) => r.method)).toEqual(['GET']);
  });

  it('says why the selection could not be read, and reads it on "Try again"', async () => {
    new FakeApi()
      .answer('GET', '/v1/sync/selection', 503, { statusCode: 503, message: 'The database is unavailable.' })
      .answer('GET', '/v1/sync/selection', 200, DEFAULT_VIEW);
    render(<SelectionSection />);
    expect((await screen.findByRole('alert')).textContent).toContain('The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(box('Sleep').checked).toBe(true);
  });
});
