/** Reading Garmin's JSON answers, which are often missing, `null`, or shaped another way than the last time. */

/** A finite number, or null: Garmin's figures are often missing, `null`, or sentinel strings. */
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The object at `key`, when it is one. */
export const objectAt = (value: unknown, key: string): Record<string, unknown> | undefined => {
  const found = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return found !== null && typeof found === 'object' && !Array.isArray(found) ? (found as Record<string, unknown>) : undefined;
};

/** The array at `key`, or an empty one. */
export const arrayAt = (value: unknown, key: string): unknown[] => {
  const found = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(found) ? found : [];
};

/** One JSON object of a Garmin answer. */
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The objects of a JSON list (Garmin's lists hold objects; anything else is skipped), or none. */
export const objectsIn = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** A `YYYY-MM-DD` field, or null. */
export const dateAt = (value: JsonObject | undefined, key: string): string | null => {
  const found = value?.[key];
  return typeof found === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(found) ? found : null;
};

/** Whether any of the figures is a number: a DTO whose figures are all null is Garmin's "no data". */
export const anyFigure = (value: JsonObject, keys: readonly string[]): boolean => keys.some((key) => num(value[key]) !== null);

/** The sum of the numbers among the values (null when there is none). */
export const sumOf = (values: readonly unknown[]): number | null => {
  const numbers = values.map(num).filter((value): value is number => value !== null);
  return numbers.length === 0 ? null : numbers.reduce((sum, value) => sum + value, 0);
};

/**
 * The entries of a list answer. Garmin sends some lists bare (`[…]`) and some inside an object
 * (`{ trainingPlanList: […] }`); `wrappedIn` names the key of the wrapped form. Anything else is no entries.
 */
export function entriesOf(answer: unknown, wrappedIn?: string): JsonObject[] {
  const list = Array.isArray(answer) ? answer : wrappedIn ? arrayAt(answer, wrappedIn) : [];
  return list.filter(isObject);
}

/** The entries of an answer that is one object or a list of them. */
export const oneOrMany = (answer: unknown): JsonObject[] => (Array.isArray(answer) ? answer.filter(isObject) : isObject(answer) ? [answer] : []);

/** Garmin's id of an item as a record key: a number or a non-empty string, else null (the item is skipped). */
export function idOf(entry: JsonObject, field: string): string | null {
  const id = entry[field];
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

/** The calendar day a Garmin date or timestamp starts with ("2024-03-01", "2024-03-01T07:00:00.0", "2024-03-01 07:00:00"), else null. */
export const dateOf = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
