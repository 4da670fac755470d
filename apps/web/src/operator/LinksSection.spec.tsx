import { render, screen, within } from '@testing-library/react';
import { setDisplayTimeZone } from '../ui/dates';
import { answerConsole, LINKS } from './operator.fixtures';
import { OperatorPage } from './OperatorPage';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('../testing/fake-uplot').FakeUPlot }));

const figure = (group: string, label: string) => within(screen.getByLabelText(group)).getByText(label).nextSibling?.textContent;

describe('the Garmin links of the operator console', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('counts every link by health and lists who must sign in again, why, and since when', async () => {
    answerConsole();
    render(<OperatorPage />);
    const list = await screen.findByRole('list', { name: 'Must sign in again' });
    expect(['Linked', 'Renewal failing', 'Cooling down', 'Must sign in', 'Revoked', 'Not linked'].map((label) => figure('Links by health', label))).toEqual(['40', '0', '0', '2', '1', '1']);
    const [item] = within(list).getAllByRole('listitem');
    expect(item.textContent).toMatch(/^swimmerMust sign inGarmin 70000102 · since Dec 2, 2026, 8:30\sAMGarmin refused the refresh token: sign in again\.$/);
  });

  it('says when nobody has to sign in again', async () => {
    answerConsole({ links: { ...LINKS, byHealth: { active: 3 }, mustSignIn: [] } });
    render(<OperatorPage />);
    expect(await screen.findByText('Nobody has to sign in again: every link renews by itself.')).toBeTruthy();
    expect(figure('Links by health', 'Linked')).toBe('3');
    expect(figure('Links by health', 'Revoked')).toBe('0');
  });
});
