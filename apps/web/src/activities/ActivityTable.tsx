import type { ActivityRow } from '../api/activities';
import { formatDistance, formatDuration, formatHeartRate, typeLabel } from './format';
import { localStart } from './local-time';

/** The activities, newest first; each name opens its page. Wide, so it scrolls inside its own box on a phone. */
export function ActivityTable({ items }: { items: ActivityRow[] }) {
  return (
    <div className="table-scroll">
      <table className="activities">
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Type</th>
            <th scope="col">Start (local time)</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Distance
            </th>
            <th scope="col" className="num">
              Avg HR
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const start = localStart(item.summary?.['startTimeLocal'], item.startTime);
            return (
              <tr key={item.id}>
                <th scope="row">
                  <a href={`#/activities/${item.id}`}>{item.name || typeLabel(item.type)}</a>
                </th>
                <td>{typeLabel(item.type)}</td>
                <td>
                  {start ? start.text : '—'}
                  {start?.note && <span className="muted note"> ({start.note})</span>}
                </td>
                <td className="num">{formatDuration(item.durationS)}</td>
                <td className="num">{formatDistance(item.distanceM, item.type)}</td>
                <td className="num">{formatHeartRate(item.averageHr)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
