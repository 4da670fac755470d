import { FormEvent, useState } from 'react';
import { createToken, CreatedPersonalToken } from '../api/tokens';
import { Alert } from '../ui/Alert';
import { problemOf } from './problem';

/** Lifetimes to choose from; "" is a token that lives until revoked. */
const LIFETIMES = [
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', '1 year'],
  ['', 'Never (until revoked)'],
] as const;

/** Make a personal access token: a name to recognise it by, and how long it lives. */
export function NewTokenForm({ onCreated, focusName }: { onCreated: (token: CreatedPersonalToken) => void; focusName: boolean }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const lifetime = String(data.get('lifetime') ?? '');
    if (!name) return setProblem('Give the token a name, to recognise it later.');
    setBusy(true);
    setProblem(null);
    try {
      onCreated(await createToken(name, lifetime ? Number(lifetime) : undefined));
      form.reset();
    } catch (error) {
      setProblem(problemOf(error, 'The token could not be made. Please try again.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-labelledby="new-token-title">
      <h3 id="new-token-title">New token</h3>
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="row wrap token-fields">
        <label>
          Name
          <input name="name" maxLength={100} required placeholder="e.g. grafana" autoFocus={focusName} />
        </label>
        <label>
          Expires after
          <select name="lifetime" defaultValue="90">
            {LIFETIMES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div>
        <button type="submit" disabled={busy}>
          {busy ? 'Making…' : 'Make token'}
        </button>
      </div>
    </form>
  );
}
