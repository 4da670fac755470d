import { FormEvent, useEffect, useRef, useState } from 'react';
import { deleteAccount } from '../api/account';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { problemOf } from './problem';
import { reloadApp } from './reload';

/**
 * Deleting the account and everything of it, for good. The confirm step asks for the display name to be typed:
 * harder to do by accident than a second click, and it names which account goes.
 */
export function DeleteAccountSection({ displayName }: { displayName: string }) {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  const matches = typed.trim() === displayName;

  useEffect(() => {
    if (asking) field.current?.focus();
    else if (opened.current) trigger.current?.focus();
    opened.current = asking;
  }, [asking]);

  function cancel() {
    setAsking(false);
    setTyped('');
    setProblem(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    setProblem(null);
    try {
      await deleteAccount();
      reloadApp();
    } catch (error) {
      // 404 ACCOUNT_NOT_FOUND: it is already gone (deleted from another tab); the reload lands on the sign-in page.
      if (error instanceof ApiError && error.status === 404) return reloadApp();
      setProblem(problemOf(error, 'The account could not be deleted. Please try again.'));
      setBusy(false);
    }
  }

  return (
    <section className="card stack danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p>
        Deletes your FitTrack account and everything synced into it: activities and their files, daily health, records, workouts, exports, tokens and every signed-in
        session. Your Garmin account itself is not touched. This cannot be undone; signing in with Garmin again starts a new, empty account.
      </p>
      {!asking && (
        <div>
          <button type="button" className="danger" ref={trigger} onClick={() => setAsking(true)}>
            Delete my account…
          </button>
        </div>
      )}
      {asking && (
        <form className="confirm stack" onSubmit={(event) => void submit(event)} onKeyDown={(event) => event.key === 'Escape' && !busy && cancel()}>
          {problem && <Alert tone="error">{problem}</Alert>}
          <label>
            <span>
              To confirm, type your display name, <strong className="display-name">{displayName}</strong>
            </span>
            <input ref={field} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} disabled={busy} />
          </label>
          <div className="row wrap">
            <button type="submit" className="danger" disabled={!matches || busy}>
              {busy ? 'Deleting…' : 'Delete my account and all its data'}
            </button>
            <button type="button" className="secondary" onClick={cancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
