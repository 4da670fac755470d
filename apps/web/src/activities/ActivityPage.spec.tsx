import type { ActivityDetailView } from '@fittrack/contracts';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { ActivityPage } from './ActivityPage';

const ID = '21482825013';
const GPX_PATH = `/v1/activities/${ID}/export?format=gpx`;

const ACTIVITY: ActivityDetailView = {
  id: Number(ID),
  name: 'Tempo Run',
  type: 'running',
  startTime: '2026-11-30T06:00:00.000000Z',
  startDateLocal: '2026-11-30',
  durationS: 1800,
  distanceM: 6000,
  calories: 410,
  averageHr: 151,
  summary: { startTimeLocal: '2026-11-30 07:00:00', hrTimeInZone_1: 1 },
  detail: {
    timeZoneUnitDTO: { timeZone: 'Europe/Zurich' },
    summaryDTO: { startTimeLocal: '2026-11-30T07:00:00.0', distance: 6000, duration: 1800, averageSpeed: 3.333, maxSpeed: 4.1, averageHR: 151, maxHR: 172, calories: 410, elevationGain: 42, elevationLoss: 40 },
  },
  parts: {
    activity_zones: { hr: [60, 240, 900, 600, null], power: null },
    activity_splits: {
      activityId: Number(ID),
      lapDTOs: [
        { lapIndex: 1, distance: 3000, duration: 870, averageSpeed: 3.448, averageHR: 148, maxHR: 160, calories: 200 },
        { lapIndex: 2, distance: 3000, duration: 930, averageSpeed: 3.226, averageHR: 154, maxHR: 172, calories: 210 },
      ],
      eventDTOs: [],
    },
  },
  syncedAt: '2026-11-30T08:00:00Z',
};

const gpx = (points: [number, number][]) => `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="FitTrack Garmin Sync" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Tempo Run</name><trkseg>
${points.map(([lat, lon]) => `<trkpt lat="${lat}" lon="${lon}"><ele>408.0</ele></trkpt>`).join('\n')}
</trkseg></trk></gpx>`;

/** FakeApi answers JSON; the GPX export is XML text, so it is answered here. */
function serveGpx(text: string) {
  const json = globalThis.fetch;
  globalThis.fetch = (async (path: string, init?: RequestInit) =>
    String(path) === GPX_PATH ? { ok: true, status: 200, headers: { get: () => null }, text: async () => text } : json(path, init)) as typeof fetch;
}

describe('an activity’s page', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('shows its figures, local start, zones and laps, and its route drawn from the GPX as one path from start to end', async () => {
    new FakeApi().answer('GET', `/v1/activities/${ID}`, 200, ACTIVITY);
    serveGpx(gpx([[47.3769, 8.5417], [47.378, 8.543], [47.379, 8.545], [47.3785, 8.547], [47.377, 8.546]]));
    render(<ActivityPage id={ID} />);

    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Tempo Run');
    expect(screen.getByText(/Running · Nov 30, 2026, 7:00 AM \(local time, Europe\/Zurich\)/)).toBeTruthy();
    const figures = within(screen.getByRole('region', { name: 'Summary' }));
    const figure = (label: string) => figures.getByText(label).nextElementSibling?.textContent;
    expect(figure('Distance')).toBe('6.00 km');
    expect(figure('Duration')).toBe('30:00');
    expect(figure('Average pace')).toBe('5:00 /km');
    expect(figure('Max heart rate')).toBe('172 bpm');
    expect(figure('Calories')).toBe('410 kcal');
    expect(figure('Elevation gain')).toBe('42 m');

    const track = await screen.findByRole('img', { name: /GPS track of Tempo Run: 5 recorded positions/ });
    const d = track.querySelector('path')!.getAttribute('d')!;
    expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'L', 'L', 'L']);
    const [, startX, startY] = /^M([\d.]+),([\d.]+)/.exec(d)!;
    const start = track.querySelector('.track-start')!;
    expect([start.getAttribute('cx'), start.getAttribute('cy')]).toEqual([startX, startY]);
    const [endX, endY] = d.split(' ').pop()!.slice(1).split(',');
    const end = track.querySelector('.track-end')!;
    expect([end.getAttribute('cx'), end.getAttribute('cy')]).toEqual([endX, endY]);

    const zones = within(screen.getByRole('region', { name: 'Time in heart rate zones' })).getAllByRole('listitem');
    expect(zones.map((zone) => zone.textContent)).toEqual(['Zone 11:00 (3%)', 'Zone 24:00 (13%)', 'Zone 315:00 (50%)', 'Zone 410:00 (33%)', 'Zone 50:00 (0%)']);
    expect(screen.queryByRole('region', { name: 'Time in power zones' })).toBeNull();

    const laps = within(screen.getByRole('region', { name: 'Laps' })).getAllByRole('row');
    expect(laps.map((row) => Array.from(row.children, (cell) => cell.textContent))).toEqual([
      ['Lap', 'Distance', 'Time', 'Pace', 'Avg HR', 'Max HR', 'Calories'],
      ['1', '3.00 km', '14:30', '4:50 /km', '148 bpm', '160 bpm', '200 kcal'],
      ['2', '3.00 km', '15:30', '5:10 /km', '154 bpm', '172 bpm', '210 kcal'],
    ]);

    const downloads = within(screen.getByRole('region', { name: 'Download' })).getAllByRole('link');
    expect(downloads.map((link) => [link.textContent, link.getAttribute('href'), link.hasAttribute('download')])).toEqual([
      ['Original file (FIT)', `/v1/activities/${ID}/file`, true],
      ['GPX', `/v1/activities/${ID}/export?format=gpx`, true],
      ['TCX', `/v1/activities/${ID}/export?format=tcx`, true],
      ['CSV', `/v1/activities/${ID}/export?format=csv`, true],
    ]);
    expect(screen.getByRole('link', { name: '← All activities' }).getAttribute('href')).toBe('#/activities');
  });

  it('says an activity without GPS has no track, rather than drawing one, and reads zones from the list entry when the part was not synced', async () => {
    const indoor = {
      ...ACTIVITY,
      type: 'strength_training',
      name: 'Strength',
      distanceM: null,
      summary: { startTimeLocal: '2026-11-30 07:00:00', hrTimeInZone_1: 600, hrTimeInZone_2: 1200, hrTimeInZone_3: 0, hrTimeInZone_4: 0, hrTimeInZone_5: 0 },
      detail: null,
      parts: {},
    };
    new FakeApi().answer('GET', `/v1/activities/${ID}`, 200, indoor);
    serveGpx(gpx([]));
    render(<ActivityPage id={ID} />);
    expect(await screen.findByText(/No GPS track: this activity was recorded without GPS/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Summary' })).queryByText('Distance')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Time in heart rate zones' })).getAllByRole('listitem')[1].textContent).toBe('Zone 220:00 (67%)');
    expect(screen.getByText('No laps were stored for this activity.')).toBeTruthy();
  });

  it('says when the activity was stored without its file: no track, nothing to download', async () => {
    new FakeApi()
      .answer('GET', `/v1/activities/${ID}`, 200, ACTIVITY)
      .answer('GET', GPX_PATH, 404, { statusCode: 404, code: 'ACTIVITY_FILE_MISSING', message: `activity ${ID} is stored without its original file` });
    render(<ActivityPage id={ID} />);
    expect(await screen.findByText(/No track: this activity was stored without its file/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Download' })).queryAllByRole('link')).toEqual([]);
    expect(screen.getByText(/There is no file to download/)).toBeTruthy();
  });

  it('answers an unknown id (404) with "not found" and the way back, and a malformed one without asking', async () => {
    const api = new FakeApi().answer('GET', '/v1/activities/404404', 404, { statusCode: 404, code: 'DATA_NOT_FOUND', message: 'no activity 404404' });
    const { unmount } = render(<ActivityPage id="404404" />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Activity not found');
    expect(screen.getByRole('link', { name: 'Back to your activities' }).getAttribute('href')).toBe('#/activities');
    unmount();

    render(<ActivityPage id="not-an-id" />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Activity not found');
    expect(api.sent.map((request) => request.path)).toEqual(['/v1/activities/404404']);
  });

  it('shows why the activity could not be read, and reads it again on "Try again"', async () => {
    new FakeApi()
      .answer('GET', `/v1/activities/${ID}`, 503, { statusCode: 503, message: 'The database is unavailable.' })
      .answer('GET', `/v1/activities/${ID}`, 200, ACTIVITY);
    serveGpx(gpx([[47.3769, 8.5417]]));
    render(<ActivityPage id={ID} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The database is unavailable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Tempo Run');
  });
});
