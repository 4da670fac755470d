import type { MsgHdrs } from 'nats';

/**
 * The header nats-server adds to a request that crosses accounts through a service import with
 * `share: true` (deploy/nats/accounts.conf). The server writes it itself, replacing one the caller set,
 * so its account and user are the server's word, not the client's.
 */
export const REQUEST_INFO_HEADER = 'Nats-Request-Info';

/** Who sent an RPC, as far as the NATS server vouches for it. */
export interface CallerIdentity {
  /** The calling account, or null for a request from inside the serving account (no header). */
  account: string | null;
  /** The caller's NATS user (present when the import shares it). */
  user?: string;
  /** The connection name the client chose: a hint for humans, not an identity. */
  connectionName?: string;
}

/** What the server puts in the header (2.9.10: acc, user, name, host, id, rtt, server, ...). */
interface RequestInfo {
  acc?: unknown;
  user?: unknown;
  name?: unknown;
}

export function callerIdentity(headers: MsgHdrs | undefined): CallerIdentity {
  const raw = headers?.get(REQUEST_INFO_HEADER);
  if (!raw) return { account: null };
  let info: RequestInfo;
  try {
    info = JSON.parse(raw) as RequestInfo;
  } catch {
    return { account: null };
  }
  return {
    account: typeof info.acc === 'string' ? info.acc : null,
    ...(typeof info.user === 'string' && { user: info.user }),
    ...(typeof info.name === 'string' && info.name && { connectionName: info.name }),
  };
}

/** For a log line: `account=PLATFORM user=platform name="billing-1"`, quoted and bounded where the client chose. */
export function describeCaller(caller: CallerIdentity): string {
  if (caller.account === null) return 'account=(own) user=(unknown)';
  const parts = [`account=${safe(caller.account)}`, `user=${caller.user === undefined ? '(not shared)' : safe(caller.user)}`];
  if (caller.connectionName !== undefined) parts.push(`name=${JSON.stringify(caller.connectionName.slice(0, 64))}`);
  return parts.join(' ');
}

/** Account and user names come from the server's config, but a log line is no place to trust that. */
function safe(value: string): string {
  return /^[A-Za-z0-9_.@$-]{1,64}$/.test(value) ? value : JSON.stringify(value.slice(0, 64));
}
