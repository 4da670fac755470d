import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { me as fetchMe, Me, signOut } from '../api/session';
import { SignInPage } from '../sign-in/SignInPage';
import { SyncPage } from '../sync/SyncPage';
import { Alert } from '../ui/Alert';
import { useHashRoute } from './router';
import { Shell } from './Shell';
import { useTheme } from './theme';

type SessionState = { kind: 'loading' } | { kind: 'signed-out' } | { kind: 'signed-in'; me: Me } | { kind: 'unreachable'; message: string };

/** Who is signed in decides everything else: the sign-in page, or the app. */
export function App() {
  const [session, setSession] = useState<SessionState>({ kind: 'loading' });
  const [theme, toggleTheme] = useTheme();
  const route = useHashRoute('/sync');

  async function loadSession() {
    try {
      setSession({ kind: 'signed-in', me: await fetchMe() });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setSession({ kind: 'signed-out' });
      else setSession({ kind: 'unreachable', message: error instanceof ApiError ? error.message : 'The server did not answer.' });
    }
  }

  useEffect(() => void loadSession(), []);

  async function leave() {
    await signOut().catch(() => undefined);
    setSession({ kind: 'signed-out' });
  }

  switch (session.kind) {
    case 'loading':
      return <p className="page muted">Loading…</p>;
    case 'unreachable':
      return (
        <main className="page">
          <Alert tone="error">
            {session.message}{' '}
            <button type="button" className="link" onClick={() => void loadSession()}>
              Try again
            </button>
          </Alert>
        </main>
      );
    case 'signed-out':
      return <SignInPage onSignedIn={() => void loadSession()} />;
    case 'signed-in':
      return (
        <Shell me={session.me} route={route} theme={theme} onToggleTheme={toggleTheme} onSignOut={() => void leave()}>
          {pageFor(route)}
        </Shell>
      );
  }
}

/** The page of a route (`#/sync`); an unknown one says so and offers the way back. */
function pageFor(route: string) {
  if (route === '/sync') return <SyncPage />;
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{route}</code>. <a href="#/sync">Go to Sync</a>
      </p>
    </main>
  );
}
