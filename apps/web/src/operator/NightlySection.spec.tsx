import { render, screen, within } from '@testing-library/react';
import { setDisplayTimeZone } from '../ui/dates';
import { answerConsole, NIGHTLY } from './operator.fixtures';
import { OperatorPage } from './OperatorPage';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

describe('the nightly runs of the operator console', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('shows each run: its day, trigger, times, what it enqueued, skipped and why, the refreshes asked and its error', async () => {
    const failed = { ...NIGHTLY.runs[0], id: 'r0', runDate: '2026-12-01', trigger: 'operator' as const, finishedAt: null, skipped: {}, error: 'The database went away.' };
    answerConsole({ nightly: { runs: [NIGHTLY.runs[0], failed] } });
    render(<OperatorPage />);
    const [, done, broken] = within(await screen.findByRole('region', { name: 'Nightly runs table' })).getAllByRole('row');
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells(done)).toEqual(['Dec 2, 2026', 'Scheduled', expect.stringMatching(/^Dec 2, 2026, 2:00\sAMfinished 02:00\sAM$/), '37', '2', '2 must sign in, 1 revoked', '5', 'None']);
    expect(cells(broken)).toEqual(['Dec 1, 2026', 'Operator', expect.stringMatching(/still running$/), '37', '2', 'none', '5', 'The database went away.']);
  });

  it('says when there has been no nightly run yet, and how one starts', async () => {
    answerConsole({ nightly: { runs: [] } });
    render(<OperatorPage />);
    expect((await screen.findByText(/^No nightly run yet\./)).textContent).toContain('garmin.rpc.nightly.run');
  });
});
