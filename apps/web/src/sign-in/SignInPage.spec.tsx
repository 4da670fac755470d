import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeApi } from '../testing/fake-api';
import { setDisplayTimeZone } from '../ui/dates';
import { SignInPage } from './SignInPage';

// jsdom's Blob lacks text(), which every browser has.
Blob.prototype.text ??= function (this: Blob) {
  return new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(this);
  });
};

const SIGNED_IN = { tokenType: 'Cookie', csrfToken: 'c', user: { id: 'u', garminProfileId: 1, displayName: 'runner', createdAt: '2026-01-01T00:00:00Z' }, garmin: { via: 'mobile-impit' } };
const CHALLENGE = { status: 'mfa_required', challengeId: '5b0c0cf4-6f7b-4c2b-8a53-8d6f0f5c0b11', method: 'email', expiresAt: '2026-12-03T12:00:00Z' };

function fillPassword(email = 'runner@example.com', password = 'secret-pw') {
  fireEvent.change(screen.getByLabelText('Garmin email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Garmin password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in page', () => {
  beforeAll(() => setDisplayTimeZone('UTC'));

  it('asks for the MFA code, says how many attempts a wrong one leaves, and signs in with the right one', async () => {
    const api = new FakeApi()
      .answer('POST', '/v1/auth/login', 202, CHALLENGE)
      .answer('POST', '/v1/auth/mfa', 401, { statusCode: 401, message: 'The code was not accepted', code: 'AUTH_INVALID_MFA_CODE', attemptsLeft: 2 })
      .answer('POST', '/v1/auth/mfa', 200, SIGNED_IN);
    const onSignedIn = jest.fn();
    render(<SignInPage onSignedIn={onSignedIn} />);
    fillPassword();

    const code = await screen.findByLabelText('Code');
    expect(screen.getByText(/Garmin sent a code to your email/)).toBeTruthy();
    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code was not accepted. 2 attempts are left.');

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(SIGNED_IN));

    // Cookies, never tokens in the page: every sign-in step asks for the cookie transport.
    expect(api.sent.map((r) => [r.path, r.headers['x-session-transport']])).toEqual([
      ['/v1/auth/login', 'cookie'],
      ['/v1/auth/mfa', 'cookie'],
      ['/v1/auth/mfa', 'cookie'],
    ]);
    expect(api.sent[0].body).toEqual({ email: 'runner@example.com', password: 'secret-pw' });
    expect(api.sent[2].body).toEqual({ challengeId: CHALLENGE.challengeId, code: '123456' });
  });

  it('says until when a cooling-down account must wait, and holds the button until then', async () => {
    const until = new Date(Date.now() + 2 * 3600_000);
    new FakeApi().answer('POST', '/v1/auth/login', 429, {
      statusCode: 429,
      message: 'Garmin is refusing sign-ins for this account from us (throttled)',
      code: 'AUTH_SIGN_IN_COOLING_DOWN',
      cooldownUntil: until.toISOString(),
    }, { 'Retry-After': '7200' });
    render(<SignInPage onSignedIn={jest.fn()} />);
    fillPassword();

    const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(until);
    expect((await screen.findByRole('alert')).textContent).toBe(`Garmin is refusing sign-ins for this account from us (throttled). Try again at ${time}.`);
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('goes back to the password when the MFA challenge has expired', async () => {
    new FakeApi()
      .answer('POST', '/v1/auth/login', 202, CHALLENGE)
      .answer('POST', '/v1/auth/mfa', 410, { statusCode: 410, message: 'This sign-in has expired; sign in again.', code: 'AUTH_MFA_EXPIRED' });
    render(<SignInPage onSignedIn={jest.fn()} />);
    fillPassword();
    fireEvent.change(await screen.findByLabelText('Code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This sign-in has expired; sign in again.');
    expect(screen.getByLabelText('Garmin password')).toBeTruthy();
  });

  it('links from a token file', async () => {
    const api = new FakeApi().answer('POST', '/v1/auth/import', 200, SIGNED_IN);
    const onSignedIn = jest.fn();
    render(<SignInPage onSignedIn={onSignedIn} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use a token file instead' }));
    const file = new File(['{"di_token":"x"}'], 'garmin_tokens.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Token file'), { target: { files: [file] } });
    // Submitted directly: jsdom's own check of `required` does not see files a test sets.
    fireEvent.submit(screen.getByRole('button', { name: 'Link' }).closest('form')!);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(api.sent[0].body).toEqual({ tokens: '{"di_token":"x"}' });
  });
});
