import { FormEvent, useState } from 'react';
import { CookieSignIn, finishMfa, importTokens, isMfaChallenge, MfaChallenge, signIn } from '../api/session';
import { Alert } from '../ui/Alert';
import { signInProblem, SignInProblem } from './outcome';

type Step = { kind: 'password' } | { kind: 'mfa'; challenge: MfaChallenge } | { kind: 'tokens' };

/**
 * Linking a Garmin account: email and password (then the code Garmin sent, when the account has MFA), or a token
 * file someone already has from python-garminconnect or garth. The password goes to the gateway once and is kept
 * nowhere, not even in this page's state after the request.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: (answer: CookieSignIn) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(action: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      const found = signInProblem(error);
      setProblem(found);
      if (found.restart) setStep({ kind: 'password' });
    } finally {
      setBusy(false);
    }
  }

  const submitPassword = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    return attempt(async () => {
      const answer = await signIn(String(data.get('email')), String(data.get('password')));
      form.reset();
      if (isMfaChallenge(answer)) setStep({ kind: 'mfa', challenge: answer });
      else onSignedIn(answer);
    });
  };

  const submitCode = (challenge: MfaChallenge) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code')).trim();
    return attempt(async () => onSignedIn(await finishMfa(challenge.challengeId, code)));
  };

  const submitTokens = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('tokens') as HTMLInputElement).files?.[0];
    return attempt(async () => {
      if (!file) throw new Error('no file chosen');
      onSignedIn(await importTokens(await file.text()));
    });
  };

  const waiting = problem?.retryAt !== null && problem?.retryAt !== undefined && problem.retryAt.getTime() > Date.now();

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Link your Garmin account</h1>
      {problem && <Alert tone="error">{problem.message}</Alert>}
      {step.kind === 'password' && (
        <form onSubmit={submitPassword} className="card stack">
          <label>
            Garmin email
            <input name="email" type="email" autoComplete="username" required autoFocus />
          </label>
          <label>
            Garmin password
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit" disabled={busy || waiting}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <p className="muted">
            Your password goes to Garmin once, to link the account, and is never stored.{' '}
            <button type="button" className="link" onClick={() => (setProblem(null), setStep({ kind: 'tokens' }))}>
              Use a token file instead
            </button>
          </p>
        </form>
      )}
      {step.kind === 'mfa' && (
        <form onSubmit={submitCode(step.challenge)} className="card stack">
          <p>
            Garmin sent a code {step.challenge.method === 'email' ? 'to your email' : `by ${step.challenge.method}`}. Enter it to finish.
          </p>
          <label>
            Code
            <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{4,10}" required autoFocus />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Verify'}
          </button>
          <button type="button" className="link" onClick={() => (setProblem(null), setStep({ kind: 'password' }))}>
            Start over
          </button>
        </form>
      )}
      {step.kind === 'tokens' && (
        <form onSubmit={submitTokens} className="card stack">
          <p>
            Link with Garmin tokens you already have: python-garminconnect’s <code>garmin_tokens.json</code>, or garth’s saved session.
          </p>
          <label>
            Token file
            <input name="tokens" type="file" accept=".json,.txt,application/json,text/plain" required autoFocus />
          </label>
          <button type="submit" disabled={busy || waiting}>
            {busy ? 'Linking…' : 'Link'}
          </button>
          <button type="button" className="link" onClick={() => (setProblem(null), setStep({ kind: 'password' }))}>
            Sign in with a password instead
          </button>
        </form>
      )}
    </main>
  );
}
