export interface Figure {
  label: string;
  value: number;
  /** How the number reads when it is not zero: a failure count is a warning only when there is one. */
  tone?: 'ok' | 'warn' | 'danger';
}

/** A row of counts, the number first: what an operator takes in at a glance. */
export function Figures({ label, figures }: { label: string; figures: Figure[] }) {
  return (
    <dl className="figures" aria-label={label}>
      {figures.map((figure) => (
        <div key={figure.label} className={`figure${figure.value > 0 && figure.tone ? ` tone-${figure.tone}` : ''}`}>
          <dt>{figure.label}</dt>
          <dd>{figure.value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
