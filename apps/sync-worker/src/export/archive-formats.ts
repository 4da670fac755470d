/** How rows are written into the archive: JSON (every column, Garmin's JSON as stored) and CSV (the same, flat). */

/** A JSON array, written a batch at a time: `[` before the first batch, `]` after the last. */
export function jsonBatch(rows: Record<string, unknown>[], first: boolean): string {
  const body = rows.map((row) => JSON.stringify(row)).join(',\n');
  return `${first ? '[\n' : ',\n'}${body}`;
}

export const JSON_END = '\n]\n';

/** RFC 4180: a header of the first batch's columns, then a line per row; objects as their JSON. */
export function csvBatch(rows: Record<string, unknown>[], first: boolean): string {
  const columns = Object.keys(rows[0] ?? {});
  const lines = rows.map((row) => columns.map((column) => csvCell(row[column])).join(','));
  return `${first ? `${columns.join(',')}\r\n` : ''}${lines.join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
