import type { GarminLinkView } from '@fittrack/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me } from '../api/session';
import { FakeApi } from '../testing/fake-api';
import { formatDateTime, setDisplayTimeZone } from '../ui/dates';
import { reloadApp } from './reload';
import { SettingsPage } from './SettingsPage';

jest.mock('./reload', () => ({ reloadApp: jest.fn() }));

const ACTIVE: GarminLinkView = {
  linked: true,
  health: 'active',
  reason: null,
  accessExpiresAt: '2026-12-02T11:00:00Z',
  refreshExpiresAt: '2027-12-01T10:00:00Z',
  cooldownUntil: null,
  linkedAt: '2026-12-01T10:00:00Z',
};

const meWith = (garmin: Partial<GarminLinkView>): Me => ({
  user: { id: 'u', garminProfileId: 1, displayName: 'runner', createdAt: '2026-01-01T00:00:00Z' },
  garmin: { ...ACTIVE, ...garmin },
  session: { id: 's', createdAt: '2026-12-01T10:00:00Z', expiresAt: '2026-12-31T10:00:00Z' },
  operator: false,
  timeZone: null,
});

/** Every section reads on its own: empty answers, so a test looks at the one it is about. */
const emptyAccount = () =>
  new FakeApi()
    .answer('GET', '/v1/sync/selection', 200, { default: [], override: null, effective: [], absent: [], catalog: [] })
    .answer('GET', '/v1/auth/sessions', 200, [])
    .answer('GET', '/v1/auth/tokens', 200, [])
    .answer('GET', '/v1/exports', 200, []);

const linkSection = () => screen.getByRole('region', { name: 'Garmin link' });

describe('the settings page', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));
  beforeEach(() => jest.mocked(reloadApp).mockClear());

  it('says how the Garmin link is, in words', async () => {
    emptyAccount();
    const { rerender } = render(<SettingsPage me={meWith({})} />);
    expect(within(linkSection()).getByText('Active.')).toBeTruthy();
    expect(within(linkSection()).getByText(formatDateTime('2027-12-01T10:00:00Z'))).toBeTruthy();

    rerender(<SettingsPage me={meWith({ health: 'cooling_down', cooldownUntil: '2026-12-02T14:05:00Z', reason: 'Garmin answered 429 three times in a row' })} />);
    expect(within(linkSection()).getByText(`Cooling down until ${formatDateTime('2026-12-02T14:05:00Z')}.`)).toBeTruthy();
    expect(within(linkSection()).getByText('Reason: Garmin answered 429 three times in a row')).toBeTruthy();

    rerender(<SettingsPage me={meWith({ health: 'refresh_failed' })} />);
    expect(within(linkSection()).getByText('Renewing failed.')).toBeTruthy();
    rerender(<SettingsPage me={meWith({ health: 'needs_login' })} />);
    expect(within(linkSection()).getByText('You must sign in again.')).toBeTruthy();
    rerender(<SettingsPage me={meWith({ health: 'revoked' })} />);
    expect(within(linkSection()).getByText('Revoked.')).toBeTruthy();
    rerender(<SettingsPage me={meWith({ linked: false, health: null, linkedAt: null, accessExpiresAt: null, refreshExpiresAt: null })} />);
    expect(within(linkSection()).getByText('Not linked.')).toBeTruthy();
    expect(within(linkSection()).queryByRole('button', { name: 'Unlink Garmin' })).toBeNull();
    // Each section's empty state.
    expect(await screen.findByText(/No exports yet/)).toBeTruthy();
    expect(screen.getByText(/No tokens yet/)).toBeTruthy();
    expect(screen.getByText(/This server offers no kinds of data/)).toBeTruthy();
  });

  it('unlinks Garmin once confirmed, then starts the app again', async () => {
    const api = emptyAccount().answer('DELETE', '/v1/garmin/link', 204);
    render(<SettingsPage me={meWith({})} />);
    fireEvent.click(within(linkSection()).getByRole('button', { name: 'Unlink Garmin' }));
    expect(within(linkSection()).getByText(/Everything already synced stays/)).toBeTruthy();
    fireEvent.click(within(linkSection()).getByRole('button', { name: 'Unlink' }));
    await waitFor(() => expect(reloadApp).toHaveBeenCalledTimes(1));
    expect(api.sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/v1/garmin/link']);
  });

  it('signs in to Garmin again through the sign-in form, signs the replaced session out, and starts the app again; "Back" returns to the button', async () => {
    const api = emptyAccount().answer('DELETE', '/v1/auth/sessions/s', 204).answer('POST', '/v1/auth/login', 200, {
      tokenType: 'Cookie',
      csrfToken: 'c',
      user: { id: 'u', garminProfileId: 1, displayName: 'runner', createdAt: '2026-01-01T00:00:00Z' },
      garmin: { via: 'mobile-impit' },
    });
    render(<SettingsPage me={meWith({ health: 'needs_login' })} />);
    fireEvent.click(within(linkSection()).getByRole('button', { name: 'Sign in to Garmin again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to settings' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign in to Garmin again' }));

    fireEvent.click(screen.getByRole('button', { name: 'Sign in to Garmin again' }));
    fireEvent.change(screen.getByLabelText('Garmin email'), { target: { value: 'runner@example.com' } });
    fireEvent.change(screen.getByLabelText('Garmin password'), { target: { value: 'secret-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(reloadApp).toHaveBeenCalledTimes(1));
    expect(api.sent.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/auth/login', 'DELETE /v1/auth/sessions/s']);
  });
});
