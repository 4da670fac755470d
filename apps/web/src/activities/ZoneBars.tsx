import { formatDuration } from './format';

/** Time in each of the five zones as bars (their length: the share of the time in zones), the figures in words beside them. */
export function ZoneBars({ title, seconds, emptyText }: { title: string; seconds: number[] | null; emptyText: string }) {
  const id = `zones-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const total = seconds?.reduce((sum, s) => sum + s, 0) ?? 0;
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {!seconds || total === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <ol className="zones">
          {seconds.map((secs, i) => {
            const percent = Math.round((secs / total) * 100);
            return (
              <li key={i} className={`zone zone-${i + 1}`}>
                <span className="zone-name">Zone {i + 1}</span>
                <span className="zone-bar" aria-hidden="true">
                  <span style={{ width: `${(secs / total) * 100}%` }} />
                </span>
                <span className="zone-time">
                  {formatDuration(secs)} <span className="muted">({percent}%)</span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
