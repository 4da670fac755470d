import { num } from '../../rows';

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
