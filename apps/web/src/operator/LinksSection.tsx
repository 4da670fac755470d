import type { FleetLinks } from '../api/operator';
import { formatDateTime } from '../ui/dates';
import { Figures } from './Figures';
import { HEALTH_LABELS, healthLabel } from './labels';
import { ReadProblem } from './ReadProblem';
import { Read } from './useRead';

const TONES: Record<string, 'ok' | 'warn' | 'danger' | undefined> = { active: 'ok', refresh_failed: 'warn', cooling_down: 'warn', needs_login: 'danger', revoked: 'danger' };

/** Every user's Garmin link by health, and the people only a new sign-in can bring back. */
export function LinksSection({ read }: { read: Read<FleetLinks> }) {
  const links = read.data;
  return (
    <section className="card stack" aria-labelledby="links-title">
      <h2 id="links-title">Garmin links</h2>
      <ReadProblem read={read} what="The links" />
      {links === null && !read.error && <p className="muted">Loading…</p>}
      {links && (
        <>
          <Figures label="Links by health" figures={Object.keys(HEALTH_LABELS).map((health) => ({ label: healthLabel(health), value: links.byHealth[health] ?? 0, tone: TONES[health] }))} />
          <h3>Must sign in again</h3>
          {links.mustSignIn.length === 0 ? (
            <p className="empty">Nobody has to sign in again: every link renews by itself.</p>
          ) : (
            <ul className="plain-list" aria-label="Must sign in again">
              {links.mustSignIn.map((link) => (
                <li key={link.userId}>
                  <div className="row wrap between">
                    <strong>{link.displayName ?? 'No name'}</strong>
                    <span className={`badge health-${link.health}`}>{healthLabel(link.health)}</span>
                  </div>
                  <div className="muted small">
                    Garmin {link.garminProfileId} · since {formatDateTime(link.since)}
                  </div>
                  <div className="small">{link.reason ?? 'No reason was recorded.'}</div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
