import type { DataEventSubject, DataKind } from '@fittrack/contracts';

/**
 * How an upserted table's changed rows become change events (contracts data-events.ts): the subject, the
 * data kind (a literal, or the column holding it), the natural key and the headline fields, each a payload
 * name → column. Raw Garmin JSON is never named here: events carry keys and headlines only.
 */
export interface ChangeEventSpec {
  subject: DataEventSubject;
  kind: { literal: DataKind } | { column: string };
  key: Readonly<Record<string, string>>;
  headline?: Readonly<Record<string, string>>;
}

/** What an upsert writes beside its rows: one outbox change event per row it really changed, for this job. */
export interface ChangeEventsOf {
  jobId: string;
}

const quoted = (column: string) => `c."${column}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const pairs = (fields: Readonly<Record<string, string>>) => Object.entries(fields).flatMap(([name, column]) => [literal(name), quoted(column)]);

/** The columns an upsert must RETURN for its events. */
export function changeEventColumns(spec: ChangeEventSpec): string[] {
  const kind = 'column' in spec.kind ? [spec.kind.column] : [];
  return [...new Set(['user_id', ...kind, ...Object.values(spec.key), ...Object.values(spec.headline ?? {})])];
}

/**
 * INSERT INTO outbox … SELECT over the CTE `c` of changed rows (their columns, `version`, `inserted`).
 * Nats-Msg-Id is subject, user, key and version, so a republished event is dropped by JetStream's
 * duplicate window, and each version of a row is one message.
 */
export function changeEventInsert(spec: ChangeEventSpec, jobParameter: string): string {
  const kind = 'column' in spec.kind ? quoted(spec.kind.column) : literal(spec.kind.literal);
  const msgId = ['c."user_id"::text', ...Object.values(spec.key).map((column) => `${quoted(column)}::text`), `'v' || c."version"`].join(', ');
  const payload = [
    `'userId', c."user_id"`,
    `'kind', ${kind}`,
    `'key', jsonb_build_object(${pairs(spec.key).join(', ')})`,
    `'version', c."version"`,
    `'change', CASE WHEN c."inserted" THEN 'created' ELSE 'updated' END`,
    `'jobId', ${jobParameter}::uuid`,
    `'at', now()`,
    ...(spec.headline ? [pairs(spec.headline).join(', ')] : []),
  ].join(', ');
  return `INSERT INTO "outbox" ("subject", "msg_id", "payload", "job_id")
    SELECT ${literal(spec.subject)}, ${literal(spec.subject)} || ':' || concat_ws(':', ${msgId}), jsonb_build_object(${payload}), ${jobParameter}::uuid FROM c`;
}
