import { RangeDays, RANGES } from './range';

const NAMES: Record<RangeDays, string> = { 7: '7 days', 30: '30 days', 90: '90 days', 365: '1 year' };

/** The span of the charts: radio buttons (arrow keys move between them), drawn as one segmented control. */
export function RangeSwitch({ value, onChange }: { value: RangeDays; onChange: (days: RangeDays) => void }) {
  return (
    <fieldset className="range-switch">
      <legend className="sr-only">Days shown</legend>
      {RANGES.map((days) => (
        <label key={days} className="range-option">
          <input type="radio" name="health-range" value={days} checked={days === value} onChange={() => onChange(days)} />
          <span>{NAMES[days]}</span>
        </label>
      ))}
    </fieldset>
  );
}
