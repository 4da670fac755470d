import { arrayAt } from './rows';

type Entry = Record<string, unknown>;

const isEntry = (value: unknown): value is Entry => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The entries of a list answer. Garmin sends some lists bare (`[…]`) and some inside an object
 * (`{ trainingPlanList: […] }`); `wrappedIn` names the key of the wrapped form. Anything else is no entries.
 */
export function entriesOf(answer: unknown, wrappedIn?: string): Entry[] {
  const list = Array.isArray(answer) ? answer : wrappedIn ? arrayAt(answer, wrappedIn) : [];
  return list.filter(isEntry);
}

/** The entries of an answer that is one object or a list of them. */
export const oneOrMany = (answer: unknown): Entry[] => (Array.isArray(answer) ? answer.filter(isEntry) : isEntry(answer) ? [answer] : []);

/** Garmin's id of an item as a record key: a number or a non-empty string, else null (the item is skipped). */
export function idOf(entry: Entry, field: string): string | null {
  const id = entry[field];
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

/** The calendar day a Garmin date or timestamp starts with ("2024-03-01", "2024-03-01T07:00:00.0", "2024-03-01 07:00:00"), else null. */
export const dateOf = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
