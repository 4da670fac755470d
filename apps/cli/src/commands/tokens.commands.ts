import { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { Terminal } from '../terminal';

/** A personal access token as the gateway lists it (never the token itself). */
interface PersonalToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `garmin-sync tokens create NAME`: a read-only token for scripts, printed this once. */
export async function createToken(api: ApiClient, term: Terminal, name: string, expiresInDays: number | undefined): Promise<void> {
  if (!name.trim()) throw CliError.usage('Give the token a name, e.g. garmin-sync tokens create grafana.');
  if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1)) throw CliError.usage('--expires-in-days takes a whole number of days (1 or more).');
  const created = await api.authed<PersonalToken & { token: string }>('POST', '/v1/auth/tokens', { name, ...(expiresInDays !== undefined && { expiresInDays }) });
  if (term.json) return term.data(created);
  term.say(`Made personal access token "${created.name}" (${created.id}), read-only, ${until(created)}.`);
  process.stdout.write(`${created.token}\n`);
  term.say('It is shown this once: keep it now. Scripts use it with GARMIN_SYNC_TOKEN=<token> garmin-sync …, or Authorization: Bearer <token>.');
}

/** `garmin-sync tokens list`: the user's tokens, newest first. */
export async function listTokens(api: ApiClient, term: Terminal): Promise<void> {
  const tokens = await api.authed<PersonalToken[]>('GET', '/v1/auth/tokens');
  if (term.json) return term.data(tokens);
  if (tokens.length === 0) return term.say('No personal access tokens. Make one with: garmin-sync tokens create NAME');
  for (const token of tokens) {
    const used = token.lastUsedAt ? `last used ${token.lastUsedAt}` : 'never used';
    process.stdout.write(`${token.id}  ${token.name}  made ${token.createdAt}, ${used}, ${until(token)}\n`);
  }
}

/** `garmin-sync tokens revoke ID`: it stops working at once. */
export async function revokeToken(api: ApiClient, term: Terminal, id: string): Promise<void> {
  if (!UUID.test(id)) throw CliError.usage(`"${id}" is not a token id (garmin-sync tokens list shows them).`);
  await api.authed<void>('DELETE', `/v1/auth/tokens/${id}`);
  if (term.json) return term.data({ revoked: id });
  term.say(`Revoked personal access token ${id}: it no longer works.`);
}

function until(token: PersonalToken): string {
  if (!token.expiresAt) return 'until revoked';
  return token.expired ? `expired ${token.expiresAt}` : `expires ${token.expiresAt}`;
}
