import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { DeleteAccountSection } from './DeleteAccountSection';
import { reloadApp } from './reload';

jest.mock('./reload', () => ({ reloadApp: jest.fn() }));

const REMOVED = { userId: 'u', deletedAt: '2026-12-02T10:00:00Z', removed: { activities: 4, users: 1 } };

describe('deleting the account', () => {
  beforeEach(() => jest.mocked(reloadApp).mockClear());

  it('asks for the display name to be typed before it deletes anything, then starts the app again', async () => {
    const api = new FakeApi().answer('DELETE', '/v1/me', 200, REMOVED);
    render(<DeleteAccountSection displayName="runner" />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    const field = screen.getByLabelText(/type your display name, runner/);
    expect(document.activeElement).toBe(field);
    const confirm = screen.getByRole('button', { name: 'Delete my account and all its data' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    fireEvent.change(field, { target: { value: 'Runner' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.submit(confirm.closest('form')!);
    expect(api.sent).toEqual([]);

    fireEvent.change(field, { target: { value: 'runner' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(reloadApp).toHaveBeenCalledTimes(1));
    expect(api.sent.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /v1/me']);
  });

  it('Cancel forgets what was typed and gives the focus back', () => {
    render(<DeleteAccountSection displayName="runner" />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    fireEvent.change(screen.getByLabelText(/type your display name/), { target: { value: 'runner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete my account…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    expect((screen.getByLabelText(/type your display name/) as HTMLInputElement).value).toBe('');
  });

  it('says why the account could not be deleted, and stays', async () => {
    new FakeApi().answer('DELETE', '/v1/me', 503, { statusCode: 503, message: 'The database is unavailable.' });
    render(<DeleteAccountSection displayName="runner" />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    fireEvent.change(screen.getByLabelText(/type your display name/), { target: { value: 'runner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account and all its data' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The database is unavailable.');
    expect(reloadApp).not.toHaveBeenCalled();
  });
});
