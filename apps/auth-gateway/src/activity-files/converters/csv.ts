import { SEMICIRCLES_PER_DEGREE } from '../fit/fit-activity';
import { decimal, isoTime, PLACES } from './xml';

const POSITION_FIELDS = new Set(['positionLat', 'positionLong']);

/**
 * The record messages as CSV (RFC 4180, CRLF line ends): a header naming every field any record has, as
 * Garmin's SDK names it (timestamp first, the others in the order they first appear), then one row per
 * record in file order, empty where a record lacks the field. Values are the SDK's, scaled to the FIT
 * profile's units (m, m/s, bpm, rpm), except timestamps (ISO 8601 UTC) and positionLat/positionLong
 * (degrees, not semicircles); an array field's values are joined by spaces. Developer fields are left out.
 */
export function toCsv(records: readonly Record<string, unknown>[]): string {
  const columns = columnsOf(records);
  const rows = [columns.map(cell).join(','), ...records.map((record) => columns.map((column) => cell(valueOf(column, record[column]))).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}

function columnsOf(records: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const record of records) {
    for (const [field, value] of Object.entries(record)) if (isColumn(field, value)) seen.add(field);
  }
  return [...(seen.has('timestamp') ? ['timestamp'] : []), ...[...seen].filter((field) => field !== 'timestamp')];
}

/** Plain values only: developer fields (an object of their own) have no column. */
function isColumn(field: string, value: unknown): boolean {
  if (field === 'developerFields' || value === undefined || value === null) return false;
  return typeof value !== 'object' || value instanceof Date || Array.isArray(value);
}

function valueOf(field: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return isoTime(value);
  if (Array.isArray(value)) return value.map((item) => valueOf('', item)).join(' ');
  if (typeof value === 'number' && POSITION_FIELDS.has(field)) return decimal(value / SEMICIRCLES_PER_DEGREE, PLACES.degrees);
  return String(value);
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
