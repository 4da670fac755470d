import type { GarminLinkView } from '@fittrack/contracts';
import { useEffect, useRef, useState } from 'react';
import { unlinkGarmin } from '../api/account';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/dates';
import { ConfirmButton } from './ConfirmButton';
import { linkState } from '../ui/link-state';
import { problemOf } from './problem';
import { reloadApp } from './reload';

interface Props {
  garmin: GarminLinkView;
  onRelink: () => void;
  /** Back from the sign-in form: the focus goes back to the button that opened it. */
  returning: boolean;
}

/** The Garmin link's health in words, signing in again, and unlinking (the data stays). */
export function GarminLinkSection({ garmin, onRelink, returning }: Props) {
  const state = linkState(garmin);
  const [problem, setProblem] = useState<string | null>(null);
  const relink = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (returning) relink.current?.focus();
  }, [returning]);

  async function unlink() {
    setProblem(null);
    try {
      await unlinkGarmin();
      reloadApp();
    } catch (error) {
      setProblem(problemOf(error, 'Garmin could not be unlinked. Please try again.'));
    }
  }

  const times = [
    ['Last signed in or renewed', garmin.linkedAt],
    ['Current access ends', garmin.accessExpiresAt],
    ['Renews by itself until', garmin.refreshExpiresAt],
  ].filter((entry): entry is [string, string] => entry[1] !== null);

  return (
    <section className="card stack" aria-labelledby="garmin-title">
      <h2 id="garmin-title">Garmin link</h2>
      <p>
        <strong className={`state-${state.tone}`}>{state.headline}.</strong> {state.detail}
      </p>
      {garmin.reason && <p className="muted">Reason: {garmin.reason}</p>}
      {times.length > 0 && (
        <dl className="facts">
          {times.map(([label, at]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{formatDateTime(at)}</dd>
            </div>
          ))}
        </dl>
      )}
      {problem && <Alert tone="error">{problem}</Alert>}
      <p className="muted">Sign in with the same Garmin account: another one signs you in as that account’s own FitTrack user.</p>
      <div className="row wrap">
        <button type="button" ref={relink} className={state.mustSignIn ? undefined : 'secondary'} onClick={onRelink}>
          {garmin.linked ? 'Sign in to Garmin again' : 'Link Garmin'}
        </button>
        {garmin.linked && (
          <ConfirmButton
            label="Unlink Garmin"
            question="Unlink Garmin? FitTrack forgets your Garmin sign-in and stops syncing. Everything already synced stays, and signing in again links this same account."
            confirmLabel="Unlink"
            onConfirm={unlink}
          />
        )}
      </div>
    </section>
  );
}
