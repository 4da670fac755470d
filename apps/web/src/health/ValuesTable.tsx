import { ReactNode, useId, useState } from 'react';

export interface ValueRow {
  key: string;
  cells: ReactNode[];
}

export interface ValuesTableProps {
  /** What the values are, e.g. "Resting heart rate per day": the table's caption and the button's hidden suffix. */
  caption: string;
  head: string[];
  /** Built only when the table is opened: a year of days costs nothing until someone asks for it. */
  rows: () => ValueRow[];
}

/** A chart's values as a table, for keyboard and screen-reader users (and anyone who wants the numbers), on demand. */
export function ValuesTable({ caption, head, rows }: ValuesTableProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="values">
      <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? 'Hide the values' : 'Show the values'}
        <span className="sr-only"> ({caption})</span>
      </button>
      <div id={id} hidden={!open} className="values-scroll" role="region" aria-label={caption} tabIndex={open ? 0 : undefined}>
        {open && (
          <table>
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                {head.map((title) => (
                  <th key={title} scope="col">
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows().map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
