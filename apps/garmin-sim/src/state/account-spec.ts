import { HEALTH_METRICS } from '@fittrack/contracts';
import { AccountBehaviour, BEHAVIOUR_KEYS, checkBehaviour } from './account-behaviour';
import { AccountSpec } from './accounts';

export class AccountSpecError extends Error {
  constructor(problems: string[]) {
    super(problems.join('; '));
    this.name = 'AccountSpecError';
  }
}

const KNOWN = ['email', 'password', 'displayName', 'fullName', 'profileId', 'mfa', 'timeZone', 'historyDays', 'lacks', ...BEHAVIOUR_KEYS];

/** The kinds a device may lack: the catalog's per-day kinds (a device produces or not; records and parts are not the device's). */
export const LACKABLE_KINDS: readonly string[] = HEALTH_METRICS;

function checkLacks(value: unknown, where: string, problems: string[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push(`${where}.lacks must be a list of data kinds`);
    return;
  }
  for (const kind of value) {
    if (typeof kind !== 'string' || !LACKABLE_KINDS.includes(kind)) problems.push(`${where}.lacks: ${JSON.stringify(kind)} is not a per-day data kind (${LACKABLE_KINDS.join(', ')})`);
  }
  if (new Set(value).size !== value.length) problems.push(`${where}.lacks names a kind twice`);
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks one account from SIM_ACCOUNTS_FILE or POST /__sim/accounts; the error names every problem. */
export function parseAccountSpec(input: unknown, where = 'account'): AccountSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AccountSpecError([`${where} must be an object`]);
  const a = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(a)) if (!KNOWN.includes(key)) problems.push(`${where}.${key} is not a known field`);
  if (typeof a['email'] !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(a['email'])) problems.push(`${where}.email must be an email address`);
  if (typeof a['password'] !== 'string' || a['password'].length === 0) problems.push(`${where}.password is required`);
  if (typeof a['displayName'] !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(a['displayName'])) {
    problems.push(`${where}.displayName must be 1-64 letters, digits, _ . or -`);
  }
  if (a['fullName'] !== undefined && typeof a['fullName'] !== 'string') problems.push(`${where}.fullName must be a string`);
  if (typeof a['profileId'] !== 'number' || !Number.isSafeInteger(a['profileId']) || a['profileId'] <= 0) {
    problems.push(`${where}.profileId must be a positive integer`);
  }
  if (a['mfa'] !== undefined && !['none', 'email', 'totp'].includes(a['mfa'] as string)) problems.push(`${where}.mfa must be "none", "email" or "totp"`);
  if (a['timeZone'] !== undefined && (typeof a['timeZone'] !== 'string' || !validTimeZone(a['timeZone']))) {
    problems.push(`${where}.timeZone must be an IANA time zone`);
  }
  const days = a['historyDays'];
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650)) {
    problems.push(`${where}.historyDays must be an integer from 1 to 3650`);
  }
  checkBehaviour(a, where, problems);
  checkLacks(a['lacks'], where, problems);
  if (problems.length) throw new AccountSpecError(problems);
  return a as unknown as AccountSpec;
}

export interface AccountPatch {
  behaviour: AccountBehaviour;
  /** Replaces the account's list when present (`[]` = the device produces everything). */
  lacks?: string[];
}

/** Checks a PATCH /__sim/accounts/:email body: behaviour fields and `lacks`. */
export function parseAccountPatch(input: unknown): AccountPatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AccountSpecError(['the body must be an object']);
  const { lacks, ...behaviour } = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(behaviour)) if (!BEHAVIOUR_KEYS.includes(key)) problems.push(`${key} is not a behaviour field or lacks`);
  checkBehaviour(behaviour, 'account', problems);
  checkLacks(lacks, 'account', problems);
  if (problems.length) throw new AccountSpecError(problems);
  return { behaviour: behaviour as AccountBehaviour, ...(lacks !== undefined && { lacks: lacks as string[] }) };
}

/** Checks a PATCH body of behaviour fields only. */
export function parseBehaviourPatch(input: unknown): AccountBehaviour {
  const patch = parseAccountPatch(input);
  if (patch.lacks !== undefined) throw new AccountSpecError(['lacks is not a behaviour field']);
  return patch.behaviour;
}
