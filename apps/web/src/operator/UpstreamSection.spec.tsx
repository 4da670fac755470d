import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { setDisplayTimeZone } from '../ui/dates';
import { FakeUPlot } from '../testing/fake-uplot';
import { answerConsole, UPSTREAM } from './operator.fixtures';
import { OperatorPage } from './OperatorPage';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

const figure = (label: string) => within(screen.getByLabelText(/^Garmin traffic over/)).getByText(label).nextSibling?.textContent;
const seconds = (at: string) => Date.parse(at) / 1000;

describe('Garmin’s traffic on the operator console', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));
  beforeEach(() => {
    FakeUPlot.made = [];
    // jsdom has no stylesheet: the light theme's accent, as the chart reads it.
    document.documentElement.style.setProperty('--accent', '#0b63ce');
  });

  it('charts requests as a line on the left axis, and 429s, failures and cooldowns on the right one, with the totals', async () => {
    answerConsole();
    render(<OperatorPage />);
    expect(await screen.findByRole('img', { name: /^Chart of the last 24 hours: 420 requests, 4 answered 429, 1 failed, 1 cooldowns started$/ })).toBeTruthy();
    expect(['Requests', '429s', 'Failures', 'Cooldowns started', 'Cooling down now'].map(figure)).toEqual(['420', '4', '1', '1', '2']);

    const [chart] = FakeUPlot.made;
    const [, requests, throttled, failed, cooldowns] = chart.options.series;
    expect([requests, throttled, failed, cooldowns].map((series) => [series.label, series.scale])).toEqual([
      ['Requests', 'requests'],
      ['429s', 'trouble'],
      ['Failures', 'trouble'],
      ['Cooldowns started', 'trouble'],
    ]);
    expect(requests.paths).toBeUndefined();
    expect([throttled.paths, failed.paths]).toEqual([{ bars: { size: [0.4, 18], align: -1 } }, { bars: { size: [0.4, 18], align: 1 } }]);
    expect(chart.options.axes!.map((axis) => [axis.scale, axis.side])).toEqual([
      [undefined, undefined],
      ['requests', undefined],
      ['trouble', 1],
    ]);
    expect(chart.data).toEqual([[seconds('2026-12-02T10:00:00Z'), seconds('2026-12-02T10:15:00Z')], [120, 300], [0, 4], [1, 0], [0, 1]]);
    expect(screen.getByText(/^Per 15 minutes\./)).toBeTruthy();
  });

  it('reads another period when asked, into the same chart', async () => {
    const sixHours = { ...UPSTREAM, hours: 6, bucketMinutes: 5, buckets: [{ at: '2026-12-02T10:05:00Z', requests: 9, throttled: 1, failed: 0, cooldownsStarted: 0 }], totals: { requests: 9, throttled: 1, failed: 0, cooldownsStarted: 0 } };
    const api = answerConsole().answer('GET', '/v1/admin/upstream?hours=6', 200, sixHours);
    render(<OperatorPage />);
    await screen.findByRole('img', { name: /^Chart of the last 24 hours/ });
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe('24');
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '6' } });
    expect(await screen.findByRole('img', { name: /^Chart of the last 6 hours: 9 requests/ })).toBeTruthy();
    expect(api.sent.map((request) => request.path)).toContain('/v1/admin/upstream?hours=6');
    expect(FakeUPlot.made).toHaveLength(1);
    expect(FakeUPlot.made[0].data).toEqual([[seconds('2026-12-02T10:05:00Z')], [9], [1], [0], [0]]);
  });

  it('draws the chart again in the other theme’s colours', async () => {
    answerConsole();
    const { unmount } = render(<OperatorPage />);
    await screen.findByRole('img', { name: /^Chart of/ });
    expect(FakeUPlot.made[0].options.series[1].stroke).toBe('#0b63ce');
    await act(async () => {
      document.documentElement.style.setProperty('--accent', '#5aa2ff');
      document.documentElement.dataset['theme'] = 'dark';
    });
    expect(FakeUPlot.made).toHaveLength(2);
    expect(FakeUPlot.made[1].options.series[1].stroke).toBe('#5aa2ff');
    expect(FakeUPlot.made[0].destroyed).toBe(true);
    expect(FakeUPlot.made[1].data).toEqual(FakeUPlot.made[0].data);
    unmount();
    expect(FakeUPlot.made[1].destroyed).toBe(true);
    delete document.documentElement.dataset['theme'];
    document.documentElement.style.removeProperty('--accent');
  });

  it('says when nothing asked Garmin anything in the period, and still counts who is cooling down', async () => {
    const zero = { requests: 0, throttled: 0, failed: 0, cooldownsStarted: 0 };
    answerConsole({ upstream: { ...UPSTREAM, buckets: UPSTREAM.buckets.map((bucket) => ({ ...bucket, ...zero })), totals: zero, coolingDown: 1 } });
    render(<OperatorPage />);
    expect(await screen.findByText('No request to Garmin in the last 24 hours.')).toBeTruthy();
    expect(figure('Cooling down now')).toBe('1');
    expect(FakeUPlot.made).toEqual([]);
  });
});
