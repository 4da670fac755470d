import { formatCalendarDate, today } from '../ui/dates';
import { formatDuration } from './format';
import { dayHref } from './links';
import { SleepStages, STAGES } from './sleep-data';

/**
 * The latest night, big: how long, and how it split into stages, as a bar of four parts. Garmin dates a night by
 * the day it ends, so today's night is "last night".
 */
export function LastNight({ date, asleepSeconds, stages }: { date: string; asleepSeconds: number; stages: SleepStages | null }) {
  return (
    <div className="last-night">
      <p className="last-night-when">{date === today() ? 'Last night' : `Latest night: ${formatCalendarDate(date)}`}</p>
      <p className="last-night-total">
        <strong>{formatDuration(asleepSeconds)}</strong> asleep
      </p>
      <Stages stages={stages} />
      <a href={dayHref('sleep', date)}>The night in detail</a>
    </div>
  );
}

function Stages({ stages }: { stages: SleepStages | null }) {
  const inBed = stages ? STAGES.reduce((sum, { stage }) => sum + stages[stage], 0) : 0;
  if (!stages || inBed === 0) return <p className="muted">Garmin gave no sleep stages for this night.</p>;
  return (
    <>
      <div className="stage-bar" aria-hidden="true">
        {STAGES.map(({ stage, colour }) => (
          <span key={stage} style={{ flexGrow: stages[stage], background: `var(${colour})` }} />
        ))}
      </div>
      <ul className="stage-list">
        {STAGES.map(({ stage, label, colour }) => (
          <li key={stage}>
            <span className="swatch" style={{ background: `var(${colour})` }} aria-hidden="true" />
            <span className="stage-name">{label}</span> <strong>{formatDuration(stages[stage])}</strong>{' '}
            <span className="muted">{Math.round((stages[stage] / inBed) * 100)}%</span>
          </li>
        ))}
      </ul>
    </>
  );
}
