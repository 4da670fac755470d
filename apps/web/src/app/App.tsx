import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { me as fetchMe, Me, signOut } from '../api/session';
import { SignInPage } from '../sign-in/SignInPage';
import { ActivitiesPage } from '../activities/ActivitiesPage';
import { ActivityPage } from '../activities/ActivityPage';
import { HealthPage } from '../health/HealthPage';
import { OperatorPage } from '../operator/OperatorPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SyncPage } from '../sync/SyncPage';
import { Alert } from '../ui/Alert';
import { setDisplayTimeZone } from '../ui/dates';
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
      const me = await fetchMe();
      setDisplayTimeZone(me.timeZone ?? undefined);
      setSession({ kind: 'signed-in', me });
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
          {pageFor(route, session.me)}
        </Shell>
      );
  }
}

/** The page of a route (`#/sync`, `#/activities/123`, `#/health/sleep/2026-11-30`); an unknown one says so and offers the way back. */
function pageFor(route: string, me: Me) {
  // A page may keep its own state in the hash's query (`#/health?days=90`): it is not part of the route.
  const [section, first, second] = route.split('?')[0].split('/').slice(1).map(decodeURIComponent);
  switch (section) {
    case 'sync':
      return <SyncPage />;
    case 'activities':
      return first ? <ActivityPage id={first} /> : <ActivitiesPage />;
    case 'health':
      return <HealthPage metric={first} date={second} />;
    case 'settings':
      return <SettingsPage me={me} />;
    case 'admin':
      if (me.operator) return <OperatorPage />;
  }
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{route}</code>. <a href="#/sync">Go to Sync</a>
      </p>
    </main>
  );
}
