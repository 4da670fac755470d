import { Lap } from './activity-data';
import { formatCalories, formatDistance, formatDuration, formatHeartRate, formatMetres, formatSpeed, speedLabel } from './format';

/** Garmin's laps (its `/splits` answer): a column only when some lap has a figure for it. */
export function LapsTable({ laps, type }: { laps: Lap[]; type: string | null }) {
  const columns: { label: string; has: (lap: Lap) => boolean; show: (lap: Lap) => string }[] = [
    { label: 'Distance', has: (lap) => !!lap.distanceM, show: (lap) => formatDistance(lap.distanceM, type) },
    { label: 'Time', has: (lap) => lap.durationS !== null, show: (lap) => formatDuration(lap.durationS) },
    { label: speedLabel(type), has: (lap) => !!lap.averageSpeed, show: (lap) => formatSpeed(lap.averageSpeed, type) },
    { label: 'Avg HR', has: (lap) => !!lap.averageHr, show: (lap) => formatHeartRate(lap.averageHr) },
    { label: 'Max HR', has: (lap) => !!lap.maxHr, show: (lap) => formatHeartRate(lap.maxHr) },
    { label: 'Ascent', has: (lap) => lap.elevationGain !== null, show: (lap) => (lap.elevationGain === null ? '—' : formatMetres(lap.elevationGain)) },
    { label: 'Calories', has: (lap) => !!lap.calories, show: (lap) => formatCalories(lap.calories) },
  ];
  const shown = columns.filter((column) => laps.some(column.has));
  return (
    <section className="card stack" aria-labelledby="laps-title">
      <h2 id="laps-title">Laps</h2>
      {laps.length === 0 ? (
        <p className="empty">No laps were stored for this activity.</p>
      ) : (
        <div className="table-scroll">
          <table className="laps">
            <thead>
              <tr>
                <th scope="col">Lap</th>
                {shown.map((column) => (
                  <th key={column.label} scope="col" className="num">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {laps.map((lap) => (
                <tr key={lap.index}>
                  <th scope="row">{lap.index}</th>
                  {shown.map((column) => (
                    <td key={column.label} className="num">
                      {column.show(lap)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
