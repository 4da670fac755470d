import { useState } from 'react';
import { signOutSession } from '../api/account';
import type { Me } from '../api/session';
import { SignInPage } from '../sign-in/SignInPage';
import { DeleteAccountSection } from './DeleteAccountSection';
import { ExportsSection } from './ExportsSection';
import { GarminLinkSection } from './GarminLinkSection';
import { reloadApp } from './reload';
import { SelectionSection } from './SelectionSection';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';
import './settings.css';

type View = 'settings' | 'relink' | 'returned';

/**
 * The account: what is synced, the Garmin link (with signing in again), where it is signed in, tokens for
 * scripts, the whole archive as a ZIP, and deleting it all. Each section reads and fails on its own.
 */
export function SettingsPage({ me }: { me: Me }) {
  const [view, setView] = useState<View>('settings');

  // Signing in again is the sign-in page's own flow (password and MFA, or a token file). It links the same user
  // and sets the cookies of a new session: the one it replaces is signed out (it is no one's any more), and the
  // app starts again from GET /v1/auth/me, the header's link health too.
  const relinked = async () => {
    if (me.session) await signOutSession(me.session.id).catch(() => undefined);
    reloadApp();
  };

  if (view === 'relink')
    return (
      <>
        <SignInPage onSignedIn={() => void relinked()} />
        <p className="settings-relink-back">
          <button type="button" className="secondary" onClick={() => setView('returned')}>
            Back to settings
          </button>
        </p>
      </>
    );

  return (
    <main className="page stack settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <GarminLinkSection garmin={me.garmin} onRelink={() => setView('relink')} returning={view === 'returned'} />
      <SelectionSection />
      <SessionsSection />
      <TokensSection />
      <ExportsSection />
      <DeleteAccountSection displayName={me.user.displayName} />
    </main>
  );
}
