import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Keyring } from './keyring';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret could not be decrypted: tampered, truncated, wrong key or context. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

interface Envelope {
  keyId: string;
  nonce: Buffer;
  sealed: Buffer;
}

/**
 * AES-256-GCM for secrets at rest (Garmin sessions, pending MFA sign-ins).
 * Envelope: `v1.<keyId>.<nonce b64url>.<ciphertext+tag b64url>`, a fresh
 * 96-bit nonce per value. `context` (e.g. "garmin-session:<userId>") is bound
 * as additional authenticated data, so an envelope copied to another row fails.
 */
export class SecretCipher {
  constructor(private readonly keyring: Keyring) {}

  encrypt(plaintext: string | Buffer, context = ''): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.currentKey, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8');
    const sealed = Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.keyring.currentKeyId, nonce.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  decrypt(envelope: string, context = ''): Buffer {
    const { keyId, nonce, sealed } = parse(envelope);
    const key = this.keyring.key(keyId);
    if (!key) throw new SecretDecryptionError(`unknown key id "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SecretDecryptionError('authentication failed');
    }
  }

  decryptString(envelope: string, context = ''): string {
    return this.decrypt(envelope, context).toString('utf8');
  }

  keyIdOf(envelope: string): string {
    return parse(envelope).keyId;
  }

  needsReencryption(envelope: string): boolean {
    return this.keyIdOf(envelope) !== this.keyring.currentKeyId;
  }

  /** Decrypts under whichever key sealed it and seals again under the current key. */
  reencrypt(envelope: string, context = ''): string {
    return this.encrypt(this.decrypt(envelope, context), context);
  }
}

// Canonical base64url only: a value with stray characters is malformed, not "close enough".
const ENVELOPE = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

function parse(envelope: string): Envelope {
  const match = typeof envelope === 'string' ? ENVELOPE.exec(envelope) : null;
  if (!match) throw new SecretDecryptionError('malformed envelope');
  const [, keyId, nonceText, sealedText] = match;
  const nonce = Buffer.from(nonceText, 'base64url');
  const sealed = Buffer.from(sealedText, 'base64url');
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES) throw new SecretDecryptionError('malformed envelope');
  return { keyId, nonce, sealed };
}

/** The key id an envelope was sealed with (for rotation bookkeeping); no decryption. */
export function envelopeKeyId(envelope: string): string {
  return parse(envelope).keyId;
}
