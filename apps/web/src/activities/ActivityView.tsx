import type { ActivityDetailView } from '@fittrack/contracts';
import { ActivitySummary } from './ActivitySummary';
import { figuresOf, lapsOf, zonesOf } from './activity-data';
import { Downloads } from './Downloads';
import { typeLabel } from './format';
import { LapsTable } from './LapsTable';
import { localStart } from './local-time';
import { TrackSection } from './TrackSection';
import { useTrack } from './useTrack';
import { ZoneBars } from './ZoneBars';

/** What Garmin recorded of one activity, section by section; each says so when it has nothing. */
export function ActivityView({ activity }: { activity: ActivityDetailView }) {
  const id = String(activity.id);
  const { track, reload } = useTrack(id);
  const figures = figuresOf(activity);
  const zones = zonesOf(activity);
  const name = activity.name || typeLabel(activity.type);
  const start = localStart(figures.startTimeLocal, activity.startTime, figures.timeZone);
  return (
    <>
      <header>
        <h1 id="activity-title">{name}</h1>
        <p className="muted">
          {typeLabel(activity.type)}
          {start && ` · ${start.text}`}
          {start?.note && ` (${start.note})`}
        </p>
      </header>
      <ActivitySummary figures={figures} type={activity.type} />
      <TrackSection track={track} name={name} onRetry={reload} />
      <ZoneBars title="Time in heart rate zones" seconds={zones.hr} emptyText="No time in heart rate zones was recorded for this activity." />
      {zones.power && <ZoneBars title="Time in power zones" seconds={zones.power} emptyText="No time in power zones was recorded for this activity." />}
      <LapsTable laps={lapsOf(activity)} type={activity.type} />
      <Downloads id={id} track={track} />
    </>
  );
}
