import { MouseEvent } from 'react';
import { activityExportUrl, activityFileUrl, ExportFormat } from '../api/activities';
import { me } from '../api/session';
import type { TrackState } from './useTrack';

const EXPORTS: { format: ExportFormat; label: string; what: string }[] = [
  { format: 'gpx', label: 'GPX', what: 'the GPS track, for maps and route planners' },
  { format: 'tcx', label: 'TCX', what: 'laps and every recorded point, for training logs' },
  { format: 'csv', label: 'CSV', what: 'every recorded point, for a spreadsheet' },
];

/**
 * A download goes around `api`, so nothing renews an access cookie that ran out while the page stayed open (it
 * lives 15 minutes): the first click asks who is signed in, which renews it if needed, then clicks the link again.
 */
function downloadWithFreshSession(event: MouseEvent<HTMLAnchorElement>) {
  const link = event.currentTarget;
  if (link.dataset['fresh'] === 'yes') {
    delete link.dataset['fresh'];
    return;
  }
  event.preventDefault();
  void me()
    .catch(() => undefined)
    .finally(() => {
      link.dataset['fresh'] = 'yes';
      link.click();
    });
}

/** The original file and our conversions of it, each a same-origin link the session cookie goes along with. */
export function Downloads({ id, track }: { id: string; track: TrackState }) {
  const code = track.status === 'failed' ? track.code : undefined;
  const unconvertible = code === 'ACTIVITY_FILE_NOT_FIT' || code === 'ACTIVITY_FILE_UNDECODABLE';
  return (
    <section className="card stack" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Download</h2>
      {code === 'ACTIVITY_FILE_MISSING' ? (
        <p className="empty">There is no file to download: this activity was stored without one.</p>
      ) : (
        <ul className="downloads">
          <li>
            <a href={activityFileUrl(id)} download onClick={downloadWithFreshSession}>
              {code === 'ACTIVITY_FILE_NOT_FIT' ? 'Original file' : 'Original file (FIT)'}
            </a>{' '}
            <span className="muted">as the watch recorded it</span>
          </li>
          {unconvertible ? (
            <li className="muted">It cannot be converted to GPX, TCX or CSV: it is not a FIT file we can read.</li>
          ) : (
            EXPORTS.map(({ format, label, what }) => (
              <li key={format}>
                <a href={activityExportUrl(id, format)} download onClick={downloadWithFreshSession}>
                  {label}
                </a>{' '}
                <span className="muted">{what}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </section>
  );
}
