import { useMemo } from 'react';
import { drawTrack, LatLon } from './track';

/** The route as one SVG path with its start and end marked; no map tiles, so nothing leaves the app. */
export function TrackMap({ points, name }: { points: LatLon[]; name: string }) {
  const track = useMemo(() => drawTrack(points), [points]);
  if (!track) return null;
  return (
    <figure className="track">
      <svg
        viewBox={`0 0 ${track.width} ${track.height}`}
        role="img"
        aria-label={`GPS track of ${name}: ${points.length.toLocaleString()} recorded positions, its start and end marked.`}
      >
        <path className="track-line" d={track.path} />
        {/* The end drawn smaller, on top: on a loop both stay visible. */}
        <circle className="track-start" cx={track.start[0]} cy={track.start[1]} r={9} />
        <circle className="track-end" cx={track.end[0]} cy={track.end[1]} r={5} />
      </svg>
      <figcaption className="muted">
        <span className="dot track-start-key" aria-hidden="true" /> Start <span className="dot track-end-key" aria-hidden="true" /> End · north is up
      </figcaption>
    </figure>
  );
}
