import { fireEvent, render, screen, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { ActivitiesPage } from './ActivitiesPage';

const FIELDS = 'fields=name,type,startTime,startDateLocal,durationS,distanceM,averageHr,summary';
const TYPES = '/v1/activities?limit=100&fields=type';
const FIRST = `/v1/activities?limit=20&${FIELDS}`;

const run = {
  id: 20001,
  name: 'Morning Run',
  type: 'running',
  startTime: '2026-11-30T06:10:21.000000Z',
  startDateLocal: '2026-11-30',
  durationS: 2723,
  distanceM: 8420.5,
  averageHr: 148,
  summary: { startTimeLocal: '2026-11-30 06:10:21' },
};
const ride = {
  id: 20002,
  name: 'Commute',
  type: 'cycling',
  // Recorded on a trip: 08:00 in New York, 13:00 UTC.
  startTime: '2026-11-28T13:00:00.000000Z',
  startDateLocal: '2026-11-28',
  durationS: 3600,
  distanceM: 25_000,
  averageHr: 131,
  summary: { startTimeLocal: '2026-11-28 08:00:00' },
};
const strength = { id: 20003, name: 'Strength', type: 'strength_training', startTime: '2026-11-27T17:00:00.000000Z', startDateLocal: '2026-11-27', durationS: 1800, distanceM: null, averageHr: 110, summary: {} };

const pathsSent = (api: FakeApi) => api.sent.map((request) => request.path).filter((path) => path !== TYPES);

describe('the activities list', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));
  beforeEach(() => sessionStorage.clear());

  it('shows each activity with its figures and local start time, newest first, each linking to its page', async () => {
    new FakeApi().answer('GET', TYPES, 200, { items: [{ id: 1, type: 'running' }], nextCursor: null }).answer('GET', FIRST, 200, { items: [run, ride, strength], nextCursor: null });
    render(<ActivitiesPage />);
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Morning Run', 'Commute', 'Strength']);
    expect(within(rows[0]).getByRole('link').getAttribute('href')).toBe('#/activities/20001');
    expect(rows[0].textContent).toContain('Running');
    expect(rows[0].textContent).toContain('Nov 30, 2026, 6:10 AM');
    expect(rows[0].textContent).not.toContain('local time,');
    expect(rows[0].textContent).toContain('45:23');
    expect(rows[0].textContent).toContain('8.42 km');
    expect(rows[0].textContent).toContain('148 bpm');
    // Its own clock, and the offset that tells it apart from the app's zone.
    expect(rows[1].textContent).toContain('Nov 28, 2026, 8:00 AM (local time, UTC−05:00)');
    expect(rows[1].textContent).toContain('25.0 km');
    // No local time from Garmin: the app's zone, said.
    expect(rows[2].textContent).toContain('(in your time zone; Garmin gave no local time)');
    expect(rows[2].textContent).toContain('Strength training');
    expect(screen.getByRole('status').textContent).toBe('3 activities in all.');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('offers the user’s own types, and asks for the chosen type and days', async () => {
    const filtered = `/v1/activities?from=2026-11-01&to=2026-11-30&type=cycling&limit=20&${FIELDS}`;
    const api = new FakeApi()
      .answer('GET', TYPES, 200, { items: [{ id: 1, type: 'running' }, { id: 2, type: 'cycling' }, { id: 3, type: 'running' }], nextCursor: null })
      .answer('GET', FIRST, 200, { items: [run, ride], nextCursor: null })
      .answer('GET', filtered, 200, { items: [ride], nextCursor: null });
    const { container } = render(<ActivitiesPage />);
    await screen.findByText('Morning Run');
    const type = screen.getByLabelText('Type');
    expect(within(type).getAllByRole('option').map((option) => option.textContent)).toEqual(['All types', 'Cycling', 'Running']);

    fireEvent.change(type, { target: { value: 'cycling' } });
    fireEvent.change(container.querySelector('input[name=from]')!, { target: { value: '2026-11-01' } });
    fireEvent.change(container.querySelector('input[name=to]')!, { target: { value: '2026-11-30' } });
    expect(pathsSent(api)).toEqual([FIRST]);
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('1 activity matches these filters.')).toBeTruthy();
    expect(pathsSent(api)).toEqual([FIRST, filtered]);
    expect(screen.queryByText('Morning Run')).toBeNull();
    expect(screen.getByText('Commute')).toBeTruthy();

    // Clearing asks for everything again.
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText('Morning Run')).toBeTruthy();
    expect(pathsSent(api)).toEqual([FIRST, filtered, FIRST]);
  });

  it('refuses a first day after the last one without asking the gateway', async () => {
    const api = new FakeApi().answer('GET', TYPES, 200, { items: [], nextCursor: null }).answer('GET', FIRST, 200, { items: [run], nextCursor: null });
    const { container } = render(<ActivitiesPage />);
    await screen.findByText('Morning Run');
    fireEvent.change(container.querySelector('input[name=from]')!, { target: { value: '2026-11-30' } });
    fireEvent.change(container.querySelector('input[name=to]')!, { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The first day must not be after the last day.');
    expect(pathsSent(api)).toEqual([FIRST]);
  });

  it('loads the next page with the nextCursor of the last one, below the first', async () => {
    const api = new FakeApi()
      .answer('GET', TYPES, 200, { items: [], nextCursor: null })
      .answer('GET', FIRST, 200, { items: [run], nextCursor: 'b2Zmc2V0.bWFj' })
      .answer('GET', `/v1/activities?cursor=b2Zmc2V0.bWFj&limit=20&${FIELDS}`, 200, { items: [ride], nextCursor: null });
    render(<ActivitiesPage />);
    await screen.findByText('Morning Run');
    expect(screen.getByRole('status').textContent).toBe('Showing the newest 1.');
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByText('Commute')).toBeTruthy();
    expect(screen.getByText('Morning Run')).toBeTruthy();
    expect(pathsSent(api)).toEqual([FIRST, `/v1/activities?cursor=b2Zmc2V0.bWFj&limit=20&${FIELDS}`]);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('2 activities in all.');
  });

  it('says there is nothing yet and where to sync, or that nothing matches the filters', async () => {
    sessionStorage.setItem('fittrack.activityFilters', JSON.stringify({ type: 'walking', from: '', to: '' }));
    new FakeApi()
      .answer('GET', TYPES, 200, { items: [], nextCursor: null })
      .answer('GET', `/v1/activities?type=walking&limit=20&${FIELDS}`, 200, { items: [], nextCursor: null })
      .answer('GET', FIRST, 200, { items: [], nextCursor: null });
    render(<ActivitiesPage />);
    expect(await screen.findByText('No activities match these filters.')).toBeTruthy();
    // The remembered filter is shown as chosen, even though no activity has that type any more.
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('walking');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    const empty = await screen.findByText(/No activities yet/);
    expect(within(empty).getByRole('link', { name: 'Sync your Garmin data' }).getAttribute('href')).toBe('#/sync');
  });

  it('shows the gateway’s reason when the list cannot be read, and reads it again on "Try again"', async () => {
    new FakeApi()
      .answer('GET', TYPES, 503, { statusCode: 503, message: 'The database is unavailable.' })
      .answer('GET', FIRST, 503, { statusCode: 503, message: 'The database is unavailable.' })
      .answer('GET', FIRST, 200, { items: [run], nextCursor: null });
    render(<ActivitiesPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Morning Run')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps what is shown when the next page fails, and offers to try it again', async () => {
    const more = `/v1/activities?cursor=b2Zmc2V0.bWFj&limit=20&${FIELDS}`;
    new FakeApi()
      .answer('GET', TYPES, 200, { items: [], nextCursor: null })
      .answer('GET', FIRST, 200, { items: [run], nextCursor: 'b2Zmc2V0.bWFj' })
      .answer('GET', more, 500, { statusCode: 500, message: 'Something broke.' })
      .answer('GET', more, 200, { items: [ride], nextCursor: null });
    render(<ActivitiesPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show more' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Something broke.');
    expect(screen.getByText('Morning Run')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Commute')).toBeTruthy();
  });
});
