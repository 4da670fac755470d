import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SignedInSession } from '../api/account';
import { FakeApi } from '../testing/fake-api';
import { reloadApp } from './reload';
import { SessionsSection } from './SessionsSection';

jest.mock('./reload', () => ({ reloadApp: jest.fn() }));

const HERE: SignedInSession = {
  id: '1f0c5d2e-7a4b-4c3d-9e8f-0a1b2c3d4e5f',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  createdAt: '2026-12-01T10:00:00Z',
  lastUsedAt: '2026-12-02T09:00:00Z',
  expiresAt: '2026-12-31T10:00:00Z',
  current: true,
};
const PHONE: SignedInSession = {
  ...HERE,
  id: '2a0c5d2e-7a4b-4c3d-9e8f-0a1b2c3d4e5f',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  current: false,
};
const CLI: SignedInSession = { ...HERE, id: '3b0c5d2e-7a4b-4c3d-9e8f-0a1b2c3d4e5f', userAgent: 'garmin-sync-cli', lastUsedAt: null, current: false };

describe('the signed-in sessions', () => {
  beforeEach(() => jest.mocked(reloadApp).mockClear());

  it('lists each client by name, this browser marked', async () => {
    new FakeApi().answer('GET', '/v1/auth/sessions', 200, [HERE, PHONE, CLI]);
    render(<SessionsSection />);
    expect(await screen.findByText('Chrome on Linux')).toBeTruthy();
    expect(screen.getByText('Safari on iOS')).toBeTruthy();
    expect(screen.getByText('garmin-sync CLI')).toBeTruthy();
    expect(screen.getAllByText('This browser')).toHaveLength(1);
    expect(screen.getByText(/^Signed in .* · in use now · ends /)).toBeTruthy();
    expect(screen.getAllByText(/ · last active /)).toHaveLength(1);
  });

  it('signs another client out once confirmed, and lists what is left', async () => {
    const api = new FakeApi()
      .answer('GET', '/v1/auth/sessions', 200, [HERE, PHONE])
      .answer('GET', '/v1/auth/sessions', 200, [HERE])
      .answer('DELETE', `/v1/auth/sessions/${PHONE.id}`, 204);
    render(<SessionsSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out Safari on iOS' }));
    expect(screen.getByText('Sign out Safari on iOS? It must sign in again to use FitTrack.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.queryByText('Safari on iOS')).toBeNull());
    expect(api.sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/v1/auth/sessions/${PHONE.id}`]);
    expect(reloadApp).not.toHaveBeenCalled();
  });

  it('signing this browser out starts the app again, at the sign-in page', async () => {
    new FakeApi().answer('GET', '/v1/auth/sessions', 200, [HERE, PHONE]).answer('DELETE', `/v1/auth/sessions/${HERE.id}`, 204);
    render(<SessionsSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out this browser' }));
    expect(screen.getByText('Sign out this browser? You go back to the sign-in page.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(reloadApp).toHaveBeenCalledTimes(1));
  });

  it('shows why a client could not be signed out', async () => {
    new FakeApi()
      .answer('GET', '/v1/auth/sessions', 200, [HERE, PHONE])
      .answer('DELETE', `/v1/auth/sessions/${PHONE.id}`, 503, { statusCode: 503, message: 'The database is unavailable.' });
    render(<SessionsSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out Safari on iOS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The database is unavailable.');
    expect(screen.getByText('Safari on iOS')).toBeTruthy();
  });
});
