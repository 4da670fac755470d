import { FormEvent } from 'react';
import { today } from '../ui/dates';
import { dayHref } from './links';

/** Opens any day by its date: the keyboard's way to what a click on a chart does. */
export function DayChooser({ metric, initial }: { metric: string; initial?: string }) {
  const latest = today();
  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const date = String(new FormData(event.currentTarget).get('day') ?? '');
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) window.location.hash = dayHref(metric, date);
  }
  return (
    <form className="day-chooser" onSubmit={open}>
      <label>
        Open a day
        <input key={initial} type="date" name="day" required max={latest} defaultValue={initial ?? latest} />
      </label>
      <button type="submit" className="secondary">
        Open
      </button>
    </form>
  );
}
