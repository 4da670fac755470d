const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/** The keys secrets at rest are encrypted with: the current one encrypts, all decrypt. */
export class Keyring {
  constructor(
    readonly currentKeyId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {
    if (!keys.has(currentKeyId)) throw new KeyringError(`current key id "${currentKeyId}" is not in the keyring`);
  }

  key(keyId: string): Buffer | undefined {
    return this.keys.get(keyId);
  }

  get currentKey(): Buffer {
    return this.keys.get(this.currentKeyId) as Buffer;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }
}

/** A keyring specification is wrong; the message never contains key material. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/**
 * Parses `id1:base64key,id2:base64key` (32-byte keys). The first entry is the
 * current key unless `currentKeyId` names another.
 */
export function parseKeyring(spec: string, currentKeyId?: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = spec.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new KeyringError('the keyring is empty');
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    if (!KEY_ID.test(id)) throw new KeyringError(`entry ${index + 1}: key id must be 1-32 letters, digits, - or _`);
    if (keys.has(id)) throw new KeyringError(`key id "${id}" appears twice`);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== KEY_BYTES) throw new KeyringError(`key "${id}" must be ${KEY_BYTES} bytes of base64 (got ${key.length})`);
    keys.set(id, key);
  });
  return new Keyring(currentKeyId ?? entries[0].slice(0, entries[0].indexOf(':')), keys);
}
