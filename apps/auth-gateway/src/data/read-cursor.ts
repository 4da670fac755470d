import { Keyring } from '@fittrack/persistence';
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { DataReadError } from './data-read.errors';

/** What a cursor is bound to: the user, the list, and the filters the list was asked with. */
export interface CursorScope {
  userId: string;
  list: string;
  filter: Record<string, string | number | undefined>;
}

/** Where a page ended, in the list's own order (e.g. [startTime, activityId]). */
export type CursorPosition = (string | number | null)[];

interface CursorBody {
  /** Key id of the keyring key the MAC key is derived from. */
  k: string;
  p: CursorPosition;
}

/**
 * Opaque, tamper-proof page cursors: `base64url(body).base64url(HMAC-SHA256)`. The MAC covers the body and the
 * scope (user, list, filters), so a cursor that was altered, forged, or made for another user, list or filter
 * fails to verify; the scope itself is not in the token. The MAC key is derived (HKDF) from the deployment's
 * ENCRYPTION_KEYS, so there is no new secret; cursors made under a key stay valid while it is in the keyring.
 */
export class ReadCursorCodec {
  private readonly macKeys = new Map<string, Buffer>();

  constructor(private readonly keyring: Keyring) {
    for (const id of keyring.keyIds) {
      this.macKeys.set(id, Buffer.from(hkdfSync('sha256', keyring.key(id) as Buffer, Buffer.alloc(0), 'fittrack read cursor v1', 32)));
    }
  }

  encode(scope: CursorScope, position: CursorPosition): string {
    const body = Buffer.from(JSON.stringify({ k: this.keyring.currentKeyId, p: position } satisfies CursorBody)).toString('base64url');
    return `${body}.${this.mac(this.macKeys.get(this.keyring.currentKeyId) as Buffer, scope, body).toString('base64url')}`;
  }

  /** The position of a cursor this codec made for this scope; any other string is a 400. */
  decode(scope: CursorScope, token: string): CursorPosition {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw DataReadError.badCursor();
    const parsed = parseBody(body);
    const key = parsed && this.macKeys.get(parsed.k);
    if (!parsed || !key) throw DataReadError.badCursor();
    const expected = this.mac(key, scope, body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw DataReadError.badCursor();
    return parsed.p;
  }

  private mac(key: Buffer, scope: CursorScope, body: string): Buffer {
    return createHmac('sha256', key).update(`${scope.userId}\n${scope.list}\n${filterDigest(scope.filter)}\n${body}`).digest();
  }
}

function filterDigest(filter: CursorScope['filter']): string {
  const canonical = Object.keys(filter)
    .sort()
    .filter((name) => filter[name] !== undefined)
    .map((name) => [name, filter[name]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

function parseBody(body: string): CursorBody | null {
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CursorBody>;
    const position = parsed.p;
    if (typeof parsed.k !== 'string' || !Array.isArray(position)) return null;
    if (!position.every((part) => part === null || typeof part === 'string' || typeof part === 'number')) return null;
    return { k: parsed.k, p: position };
  } catch {
    return null;
  }
}
