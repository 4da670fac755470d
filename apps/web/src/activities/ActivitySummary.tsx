import { ActivityFigures } from './activity-data';
import { formatCalories, formatDistance, formatDuration, formatHeartRate, formatMetres, formatSpeed, speedLabel } from './format';

/** The headline figures; one Garmin did not record for this activity (no distance indoors, no elevation in a pool) is left out. */
export function ActivitySummary({ figures, type }: { figures: ActivityFigures; type: string | null }) {
  const rows: [string, string][] = [];
  const add = (label: string, value: string) => {
    if (value !== '—') rows.push([label, value]);
  };
  add('Distance', formatDistance(figures.distanceM, type));
  add('Duration', formatDuration(figures.durationS));
  if (figures.movingS !== null && figures.durationS !== null && Math.abs(figures.movingS - figures.durationS) >= 60) add('Moving time', formatDuration(figures.movingS));
  if (figures.distanceM) {
    add(`Average ${speedLabel(type).toLowerCase()}`, formatSpeed(figures.averageSpeed ?? (figures.durationS ? figures.distanceM / figures.durationS : null), type));
  }
  add('Average heart rate', formatHeartRate(figures.averageHr));
  add('Max heart rate', formatHeartRate(figures.maxHr));
  add('Calories', formatCalories(figures.calories));
  if (figures.elevationGain !== null) add('Elevation gain', formatMetres(figures.elevationGain));
  if (figures.elevationLoss !== null) add('Elevation loss', formatMetres(figures.elevationLoss));

  return (
    <section className="card stack" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      {rows.length === 0 ? (
        <p className="empty">Garmin recorded no figures for this activity.</p>
      ) : (
        <dl className="figures">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
