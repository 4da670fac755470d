import { kindName } from './kind-names';

const UNITS = ['bytes', 'KB', 'MB', 'GB'];

/** A size as people read it: "18.4 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${UNITS[unit]}`;
}

/** An export's entry group (`activity_files`, `health/sleep`, `records/gear` …) by the name of its kind. */
export const entryName = (entry: string): string => (entry === 'activity_files' ? 'Original activity files' : kindName(entry.split('/').pop() ?? entry));
