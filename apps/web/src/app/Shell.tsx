import { MouseEvent, ReactNode } from 'react';
import type { Me } from '../api/session';
import { linkState } from '../ui/link-state';
import { Theme } from './theme';

const PAGES = [
  { path: '/activities', label: 'Activities' },
  { path: '/health', label: 'Health' },
  { path: '/sync', label: 'Sync' },
  { path: '/settings', label: 'Settings' },
  { path: '/admin', label: 'Operator', operator: true },
];

/** The frame of every signed-in page: where you are, who you are, the link's health, the theme, signing out. */
export function Shell(props: { me: Me; route: string; theme: Theme; onToggleTheme: () => void; onSignOut: () => void; children: ReactNode }) {
  const { me, route, theme } = props;
  const link = linkState(me.garmin);
  return (
    <>
      {/* The hash is the route here, so the skip link moves the focus itself rather than going to "#content". */}
      <a className="skip" href="#content" onClick={skipToContent}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">FitTrack</span>
        <nav aria-label="Pages">
          {PAGES.filter((page) => !page.operator || me.operator).map((page) => (
            <a key={page.path} href={`#${page.path}`} aria-current={route.startsWith(page.path) ? 'page' : undefined}>
              {page.label}
            </a>
          ))}
        </nav>
        <a className={`link-health tone-${link.tone}`} href="#/settings" title={link.detail}>
          Garmin: {link.headline}
        </a>
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

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('content')?.focus();
}
