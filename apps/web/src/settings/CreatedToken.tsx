import { useEffect, useRef, useState } from 'react';
import type { CreatedPersonalToken } from '../api/tokens';

/**
 * The new token, the one time the gateway ever sends it: to copy now. It lives in this component's props only and
 * goes when "Done" is pressed; nothing keeps or logs it.
 */
export function CreatedToken({ token, onDone }: { token: CreatedPersonalToken; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, a refused permission): the text is selected for Ctrl+C instead.
      field.current?.select();
      setCopied('no');
    }
  }

  return (
    <div className="created-token stack" role="region" aria-labelledby="created-token-title">
      <h3 id="created-token-title">Your new token “{token.name}”</h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> It can read your data (never change it); send it as <code>Authorization: Bearer …</code>.
      </p>
      <label>
        Token
        <input ref={field} readOnly value={token.token} spellCheck={false} autoComplete="off" className="token-value" onFocus={(event) => event.currentTarget.select()} />
      </label>
      <div className="row wrap">
        <button type="button" onClick={() => void copy()}>
          Copy token
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
        <span role="status" className="muted">
          {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Copying is not allowed here: the token is selected, press Ctrl+C (⌘C on a Mac).' : ''}
        </span>
      </div>
    </div>
  );
}
