import { act, fireEvent, render, screen } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { answerConsole } from './operator.fixtures';
import { OperatorPage, REFRESH_EVERY_MS } from './OperatorPage';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

const READS = ['/v1/admin/jobs?page=1&pageSize=20', '/v1/admin/links', '/v1/admin/workers', '/v1/admin/upstream?hours=24', '/v1/admin/nightly?limit=10'];
const count = (api: FakeApi) => READS.map((path) => api.sent.filter((request) => request.path === path).length);

function setVisibility(state: 'visible' | 'hidden', announce = true) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  if (announce) document.dispatchEvent(new Event('visibilitychange'));
}

describe('the operator console', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible', false);
  });

  it('reads everything once, says when, and reads it all again on "Refresh"', async () => {
    const api = answerConsole();
    render(<OperatorPage />);
    expect(await screen.findByText(/^Updated at \d\d:\d\d/)).toBeTruthy();
    expect(count(api)).toEqual([1, 1, 1, 1, 1]);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect((screen.getByRole('button', { name: 'Refreshing…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(await screen.findByRole('button', { name: 'Refresh' })).toBeTruthy();
    expect(count(api)).toEqual([2, 2, 2, 2, 2]);
  });

  it('reads again every 10 s while the page is visible, nothing while it is hidden, and at once when it shows again', async () => {
    jest.useFakeTimers();
    const api = answerConsole();
    render(<OperatorPage />);
    await screen.findByText(/^Updated at/);

    await act(async () => jest.advanceTimersByTime(REFRESH_EVERY_MS));
    expect(count(api)).toEqual([2, 2, 2, 2, 2]);

    await act(async () => setVisibility('hidden'));
    await act(async () => jest.advanceTimersByTime(5 * REFRESH_EVERY_MS));
    expect(count(api)).toEqual([2, 2, 2, 2, 2]);

    await act(async () => setVisibility('visible'));
    expect(count(api)).toEqual([3, 3, 3, 3, 3]);
  });

  it('says the account is not an operator and how the role is granted when the gateway answers 403 OPERATOR_ONLY, and stops asking', async () => {
    jest.useFakeTimers();
    const api = new FakeApi().answer('GET', '/v1/admin/jobs?page=1&pageSize=20', 403, {
      statusCode: 403,
      code: 'OPERATOR_ONLY',
      message: "this is for operators: a signed-in session of an account whose Garmin profile id is in the gateway's OPERATOR_GARMIN_PROFILE_IDS",
    });
    answerConsole({}, api);
    render(<OperatorPage />);
    expect(await screen.findByRole('heading', { name: 'Not an operator' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('This account is not an operator, so the gateway does not show it the operator console.');
    expect(screen.getByText(/granted by the deployment/).textContent).toContain('OPERATOR_GARMIN_PROFILE_IDS');
    const asked = api.sent.length;
    await act(async () => jest.advanceTimersByTime(3 * REFRESH_EVERY_MS));
    expect(api.sent).toHaveLength(asked);
  });
});
