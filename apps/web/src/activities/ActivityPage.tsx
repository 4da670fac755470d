import { Alert } from '../ui/Alert';
import './activities.css';
import { ActivityView } from './ActivityView';
import { useActivity } from './useActivity';

const BACK = (
  <a className="back" href="#/activities">
    ← All activities
  </a>
);

/** One activity: its figures, route, zones, laps and files; or why it cannot be shown. */
export function ActivityPage({ id }: { id: string }) {
  const { state, reload } = useActivity(id);
  switch (state.status) {
    case 'loading':
      return (
        <main className="page stack activity-pages">
          {BACK}
          <p className="muted">Loading the activity…</p>
        </main>
      );
    case 'not-found':
      return (
        <main className="page stack activity-pages" aria-labelledby="activity-title">
          <h1 id="activity-title">Activity not found</h1>
          <p>
            None of your activities has the id <code>{id}</code>. <a href="#/activities">Back to your activities</a>
          </p>
        </main>
      );
    case 'failed':
      return (
        <main className="page stack activity-pages" aria-labelledby="activity-title">
          {BACK}
          <h1 id="activity-title">Activity</h1>
          <Alert tone="error">
            {state.problem}{' '}
            <button type="button" className="link" onClick={reload}>
              Try again
            </button>
          </Alert>
        </main>
      );
    case 'ready':
      return (
        <main className="page stack activity-pages" aria-labelledby="activity-title">
          {BACK}
          <ActivityView activity={state.activity} />
        </main>
      );
  }
}
