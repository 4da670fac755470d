import { readFileSync } from 'node:fs';
import { AccountSpec, DEMO_ACCOUNTS } from './state/accounts';

/** Accounts from SIM_ACCOUNTS_FILE (a JSON array of AccountSpec), else the demo accounts. */
export function loadAccounts(file: string | undefined): AccountSpec[] {
  if (!file) return DEMO_ACCOUNTS;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of accounts`);
  return parsed as AccountSpec[];
}
