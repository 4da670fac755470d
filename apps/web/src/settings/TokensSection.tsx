import { useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { CreatedPersonalToken, listTokens, PersonalToken, revokeToken } from '../api/tokens';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/dates';
import { ConfirmButton } from './ConfirmButton';
import { CreatedToken } from './CreatedToken';
import { NewTokenForm } from './NewTokenForm';
import { problemOf } from './problem';
import { SectionProblem } from './SectionProblem';
import { useResource } from './useResource';

/** Personal access tokens for scripts: read-only, made here, shown once, listed, revoked. */
export function TokensSection() {
  const tokens = useResource<PersonalToken[]>(listTokens, 'Your tokens could not be loaded.');
  const [created, setCreated] = useState<CreatedPersonalToken | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Once a token has been shown, the focus goes back to the form that made it.
  const [madeOne, setMadeOne] = useState(false);
  // Where the focus goes when the revoked token's row, and the button in it, are gone.
  const listTitle = useRef<HTMLHeadingElement>(null);

  function onCreated(token: CreatedPersonalToken) {
    setCreated(token);
    // Listed without the token itself, as the gateway lists it.
    const { token: _secret, scope: _scope, ...listed } = token;
    tokens.setData((current) => [listed, ...(current ?? [])]);
  }

  function done() {
    setCreated(null);
    setMadeOne(true);
  }

  async function revoke(token: PersonalToken) {
    setProblem(null);
    try {
      await revokeToken(token.id);
    } catch (error) {
      // 404: already revoked (elsewhere, or another tab); the reload shows the list as it is.
      if (!(error instanceof ApiError && error.status === 404)) return setProblem(problemOf(error, 'The token could not be revoked. Please try again.'));
    }
    if (created?.id === token.id) setCreated(null);
    await tokens.reload();
    listTitle.current?.focus();
  }

  return (
    <section className="card stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal access tokens</h2>
      <p className="muted">For scripts and dashboards: a token can read your data, and do nothing else.</p>
      {created ? <CreatedToken token={created} onDone={done} /> : <NewTokenForm onCreated={onCreated} focusName={madeOne} />}
      <h3 id="token-list-title" ref={listTitle} tabIndex={-1}>
        Your tokens
      </h3>
      {tokens.problem && <SectionProblem message={tokens.problem} onRetry={() => void tokens.reload()} />}
      {problem && <Alert tone="error">{problem}</Alert>}
      {tokens.data === null && !tokens.problem && <p className="muted">Loading…</p>}
      {tokens.data?.length === 0 && <p className="empty">No tokens yet. Make one above when a script needs to read your data.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="items" aria-labelledby="token-list-title">
          {tokens.data.map((token) => (
            <li key={token.id} className="item">
              <div>
                <strong>{token.name}</strong> {token.expired && <span className="badge badge-failed">Expired</span>}
                <p className="muted">
                  Made {formatDateTime(token.createdAt)} · {token.lastUsedAt ? `last used ${formatDateTime(token.lastUsedAt)}` : 'never used'} ·{' '}
                  {token.expiresAt ? `${token.expired ? 'expired' : 'expires'} ${formatDateTime(token.expiresAt)}` : 'never expires'}
                </p>
              </div>
              <ConfirmButton
                label="Revoke"
                subject={token.name}
                question={`Revoke “${token.name}”? Anything using it stops working at once.`}
                confirmLabel="Revoke token"
                onConfirm={() => revoke(token)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
