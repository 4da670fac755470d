import { ReactNode } from 'react';
import type { Me } from '../api/session';
import { Theme } from './theme';

const HEALTH_LABELS: Record<string, string> = {
  active: 'Garmin linked',
  refresh_failed: 'Garmin link: renewing failed, retrying',
  cooling_down: 'Garmin is throttling: waiting',
  needs_login: 'Garmin link lost: sign in again',
  revoked: 'Garmin link revoked: sign in again',
};

/** The frame of every signed-in page: where you are, who you are, the link's health, the theme, signing out. */
export function Shell(props: { me: Me; route: string; theme: Theme; onToggleTheme: () => void; onSignOut: () => void; children: ReactNode }) {
  const { me, route, theme } = props;
  const health = me.garmin.health ?? 'unlinked';
  return (
    <>
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">FitTrack</span>
        <nav aria-label="Pages">
          <a href="#/sync" aria-current={route.startsWith('/sync') ? 'page' : undefined}>
            Sync
          </a>
        </nav>
        <span className={`link-health health-${health}`} title={me.garmin.reason ?? undefined}>
          {HEALTH_LABELS[health] ?? 'Garmin not linked'}
        </span>
        <span className="who">{me.user.displayName}</span>
        <button type="button" className="secondary" onClick={props.onToggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" className="secondary" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <div id="content" tabIndex={-1}>
        {props.children}
      </div>
    </>
  );
}
