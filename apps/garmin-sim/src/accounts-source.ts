import { readFileSync } from 'node:fs';
import { parseAccountSpec } from './state/account-spec';
import { AccountSpec, DEMO_ACCOUNTS } from './state/accounts';

/** Accounts from SIM_ACCOUNTS_FILE (a JSON array of accounts), else the demo accounts. */
export function loadAccounts(file: string | undefined): AccountSpec[] {
  if (!file) return DEMO_ACCOUNTS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`SIM_ACCOUNTS_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`SIM_ACCOUNTS_FILE ${file} must hold a JSON array of accounts`);
  try {
    return parsed.map((entry, i) => parseAccountSpec(entry, `accounts[${i}]`));
  } catch (error) {
    throw new Error(`SIM_ACCOUNTS_FILE ${file}: ${(error as Error).message}`);
  }
}
