import { useRef, useState } from 'react';
import { listSessions, SignedInSession, signOutSession } from '../api/account';
import { ApiError } from '../api/client';
import { Alert } from '../ui/Alert';
import { formatDateTime } from '../ui/dates';
import { clientName } from './client-name';
import { ConfirmButton } from './ConfirmButton';
import { problemOf } from './problem';
import { reloadApp } from './reload';
import { SectionProblem } from './SectionProblem';
import { useResource } from './useResource';

/** Where the account is signed in (browsers, the CLI), each signed out on its own: a lost phone, an old laptop. */
export function SessionsSection() {
  const sessions = useResource<SignedInSession[]>(listSessions, 'The signed-in sessions could not be loaded.');
  const [problem, setProblem] = useState<string | null>(null);
  // Where the focus goes when the signed-out session's row, and the button in it, are gone.
  const title = useRef<HTMLHeadingElement>(null);

  async function signOut(session: SignedInSession) {
    setProblem(null);
    try {
      await signOutSession(session.id);
    } catch (error) {
      // 404: it ended meanwhile (signed out elsewhere, expired); the reload shows the list as it is.
      if (!(error instanceof ApiError && error.status === 404)) return setProblem(problemOf(error, 'That session could not be signed out. Please try again.'));
    }
    // This browser's own session is gone: the app starts again at the sign-in page.
    if (session.current) return reloadApp();
    await sessions.reload();
    title.current?.focus();
  }

  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title" ref={title} tabIndex={-1}>
        Signed-in sessions
      </h2>
      {sessions.problem && <SectionProblem message={sessions.problem} onRetry={() => void sessions.reload()} />}
      {problem && <Alert tone="error">{problem}</Alert>}
      {sessions.data === null && !sessions.problem && <p className="muted">Loading…</p>}
      {sessions.data?.length === 0 && <p className="empty">No session is signed in: sign in again to see this list.</p>}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="items" aria-labelledby="sessions-title">
          {sessions.data.map((session) => (
            <li key={session.id} className="item">
              <div>
                <strong>{clientName(session.userAgent)}</strong> {session.current && <span className="badge badge-completed">This browser</span>}
                <p className="muted">{activity(session)}</p>
              </div>
              <ConfirmButton
                label="Sign out"
                subject={session.current ? 'this browser' : clientName(session.userAgent)}
                question={
                  session.current
                    ? 'Sign out this browser? You go back to the sign-in page.'
                    : `Sign out ${clientName(session.userAgent)}? It must sign in again to use FitTrack.`
                }
                confirmLabel="Sign out"
                onConfirm={() => signOut(session)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The gateway stamps `lastUsedAt` when a session renews itself (about every quarter of an hour of use), so none yet says nothing. */
function activity(session: SignedInSession): string {
  const used = session.current ? 'in use now' : session.lastUsedAt && `last active ${formatDateTime(session.lastUsedAt)}`;
  return [`Signed in ${formatDateTime(session.createdAt)}`, used, `ends ${formatDateTime(session.expiresAt)}`].filter(Boolean).join(' · ');
}
