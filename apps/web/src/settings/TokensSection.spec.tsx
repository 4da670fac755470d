import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { PersonalToken } from '../api/tokens';
import { FakeApi } from '../testing/fake-api';
import { TokensSection } from './TokensSection';

const SECRET = 'fgs_pat_Qm9vdHN0cmFwLXRva2VuLWZvci10ZXN0cy0xMjM0NTY3';
const LISTED: PersonalToken = { id: '9d1c7b8e-2f44-4d0a-9d6f-1c1f6d1f0a01', name: 'grafana', createdAt: '2026-12-01T10:00:00Z', lastUsedAt: null, expiresAt: '2027-03-01T10:00:00Z', expired: false };

describe('personal access tokens', () => {
  let writeText: jest.Mock;
  beforeEach(() => {
    writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
  });

  it('shows a new token once, with a copy button, then only lists it', async () => {
    const api = new FakeApi().answer('GET', '/v1/auth/tokens', 200, []).answer('POST', '/v1/auth/tokens', 201, { ...LISTED, token: SECRET, scope: 'read' });
    const { container } = render(<TokensSection />);
    expect(await screen.findByText(/No tokens yet/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '  grafana ' } });
    fireEvent.change(screen.getByLabelText('Expires after'), { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make token' }));

    const shown = (await screen.findByLabelText('Token')) as HTMLInputElement;
    expect(api.sent.find((r) => r.method === 'POST')!.body).toEqual({ name: 'grafana', expiresInDays: 90 });
    expect(shown.value).toBe(SECRET);
    expect(shown.readOnly).toBe(true);
    expect(document.activeElement).toBe(shown);
    expect(screen.getByText('Copy it now: you will not see it again.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied.'));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    // Listed at once, as the gateway lists it: without the token.
    expect(within(screen.getByRole('list', { name: 'Your tokens' })).getByText('grafana')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(container.innerHTML).not.toContain(SECRET);
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(screen.getByRole('button', { name: 'Make token' })).toBeTruthy();
    expect(screen.getByText(/never used · expires/)).toBeTruthy();
  });

  it('makes a token that lives until revoked when "Never" is chosen', async () => {
    const api = new FakeApi().answer('GET', '/v1/auth/tokens', 200, []).answer('POST', '/v1/auth/tokens', 201, { ...LISTED, expiresAt: null, token: SECRET, scope: 'read' });
    render(<TokensSection />);
    await screen.findByText(/No tokens yet/);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'backup' } });
    fireEvent.change(screen.getByLabelText('Expires after'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make token' }));
    await screen.findByLabelText('Token');
    expect(api.sent.find((r) => r.method === 'POST')!.body).toEqual({ name: 'backup' });
  });

  it('shows the gateway’s reason when it refuses a new token', async () => {
    new FakeApi()
      .answer('GET', '/v1/auth/tokens', 200, [LISTED])
      .answer('POST', '/v1/auth/tokens', 400, { statusCode: 400, message: 'you already have 20 personal access tokens: revoke one first', code: 'PERSONAL_TOKEN_LIMIT', limit: 20 });
    render(<TokensSection />);
    await screen.findByText('grafana');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'one more' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('you already have 20 personal access tokens: revoke one first');
    expect(screen.queryByLabelText('Token')).toBeNull();
  });

  it('revokes a token only once confirmed', async () => {
    const api = new FakeApi()
      .answer('GET', '/v1/auth/tokens', 200, [LISTED])
      .answer('GET', '/v1/auth/tokens', 200, [])
      .answer('DELETE', `/v1/auth/tokens/${LISTED.id}`, 204);
    render(<TokensSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke grafana' }));
    expect(screen.getByText('Revoke “grafana”? Anything using it stops working at once.')).toBeTruthy();
    // Escape leaves the confirm step as Cancel does.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Revoke token' }), { key: 'Escape' });
    expect(api.sent.filter((r) => r.method === 'DELETE')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke grafana' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText(/No tokens yet/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your tokens' }));
    expect(api.sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/v1/auth/tokens/${LISTED.id}`]);
  });
});
