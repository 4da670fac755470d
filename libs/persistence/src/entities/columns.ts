import { ValueTransformer } from 'typeorm';

/** bigint columns hold Garmin ids, which stay below 2^53: expose them as numbers. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** SQL list literal of allowed values, for CHECK constraints built from our enums. */
export function sqlIn(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}
