import { Alert } from '../ui/Alert';
import { TrackMap } from './TrackMap';
import type { TrackState } from './useTrack';

/** The route, or why there is none: no GPS (indoors), no file stored, or a file that does not convert. */
export function TrackSection({ track, name, onRetry }: { track: TrackState; name: string; onRetry: () => void }) {
  return (
    <section className="card stack" aria-labelledby="track-title">
      <h2 id="track-title">Route</h2>
      {track.status === 'loading' && <p className="muted">Loading the track…</p>}
      {track.status === 'ready' && track.points.length === 0 && (
        <p className="empty">No GPS track: this activity was recorded without GPS (indoors, on a treadmill or a machine).</p>
      )}
      {track.status === 'ready' && track.points.length > 0 && <TrackMap points={track.points} name={name} />}
      {track.status === 'failed' && <TrackProblem problem={track.problem} code={track.code} onRetry={onRetry} />}
    </section>
  );
}

function TrackProblem({ problem, code, onRetry }: { problem: string; code: string | undefined; onRetry: () => void }) {
  // Garmin had no file, or it is not one we can read: trying again changes nothing, so no button.
  if (code === 'ACTIVITY_FILE_MISSING') return <p className="empty">No track: this activity was stored without its file (Garmin had none to give, or it was refused).</p>;
  if (code === 'ACTIVITY_FILE_NOT_FIT' || code === 'ACTIVITY_FILE_UNDECODABLE') return <p className="empty">The track cannot be drawn: {problem}</p>;
  return (
    <Alert tone="error">
      {problem}{' '}
      <button type="button" className="link" onClick={onRetry}>
        Try again
      </button>
    </Alert>
  );
}
