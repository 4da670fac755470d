import { randomBytes } from 'node:crypto';
import { KeyringError, parseKeyring } from './keyring';
import { SecretCipher, SecretDecryptionError } from './secret-cipher';
import { constantTimeEqualHex, sha256Hex } from './hashing';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();

function flip(envelope: string, part: 2 | 3, byteIndex = 0): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[byteIndex] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretCipher', () => {
  const cipher = new SecretCipher(parseKeyring(`k1:${k1}`));

  it('round-trips strings and buffers, with a fresh nonce each time', () => {
    const a = cipher.encrypt('{"oauth2":"secret"}', 'ctx');
    const b = cipher.encrypt('{"oauth2":"secret"}', 'ctx');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(cipher.decryptString(a, 'ctx')).toBe('{"oauth2":"secret"}');
    const binary = randomBytes(100);
    expect(cipher.decrypt(cipher.encrypt(binary)).equals(binary)).toBe(true);
  });

  it.each([
    ['a flipped nonce bit', (e: string) => flip(e, 2)],
    ['a flipped ciphertext bit', (e: string) => flip(e, 3, 0)],
    ['a flipped tag bit', (e: string) => flip(e, 3, Buffer.from(e.split('.')[3], 'base64url').length - 1)],
    ['a truncated value', (e: string) => e.slice(0, -6)],
    ['an unknown key id', (e: string) => e.replace('v1.k1.', 'v1.k9.')],
    ['another version', (e: string) => e.replace('v1.', 'v2.')],
    ['a stray character', (e: string) => `${e.slice(0, -2)}!${e.slice(-2)}`],
    ['a missing part', (e: string) => e.split('.').slice(0, 3).join('.')],
    ['garbage', () => 'not an envelope'],
    ['an empty string', () => ''],
  ])('rejects %s with SecretDecryptionError', (_label, tamper) => {
    const envelope = cipher.encrypt('secret', 'ctx');
    expect(() => cipher.decrypt(tamper(envelope), 'ctx')).toThrow(SecretDecryptionError);
  });

  it('rejects a value relabelled with another known key id', () => {
    const two = new SecretCipher(parseKeyring(`k1:${k1},k2:${k2}`));
    const envelope = two.encrypt('secret', 'ctx');
    expect(() => two.decrypt(envelope.replace('v1.k1.', 'v1.k2.'), 'ctx')).toThrow(SecretDecryptionError);
  });

  it('rejects the right value under the wrong context', () => {
    const envelope = cipher.encrypt('secret', 'garmin-session:user-a');
    expect(() => cipher.decrypt(envelope, 'garmin-session:user-b')).toThrow(SecretDecryptionError);
  });

  it('never puts the plaintext or key into an error', () => {
    try {
      cipher.decrypt(flip(cipher.encrypt('hunter2', 'ctx'), 3), 'ctx');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
      expect(String(error)).not.toContain(k1);
    }
    expect.hasAssertions();
  });

  it('decrypts with an older key and re-encrypts under the current one', () => {
    const old = new SecretCipher(parseKeyring(`k1:${k1}`)).encrypt('session', 'ctx');
    const rotated = new SecretCipher(parseKeyring(`k2:${k2},k1:${k1}`));
    expect(rotated.decryptString(old, 'ctx')).toBe('session');
    expect(rotated.needsReencryption(old)).toBe(true);
    const renewed = rotated.reencrypt(old, 'ctx');
    expect(rotated.keyIdOf(renewed)).toBe('k2');
    expect(rotated.needsReencryption(renewed)).toBe(false);
    expect(rotated.decryptString(renewed, 'ctx')).toBe('session');
    // once the old key is retired, the old envelope is unreadable but the renewed one is fine
    const retired = new SecretCipher(parseKeyring(`k2:${k2}`));
    expect(() => retired.decrypt(old, 'ctx')).toThrow(SecretDecryptionError);
    expect(retired.decryptString(renewed, 'ctx')).toBe('session');
  });
});

describe('parseKeyring', () => {
  it('takes the first entry as current unless told otherwise', () => {
    expect(parseKeyring(`a:${k1},b:${k2}`).currentKeyId).toBe('a');
    expect(parseKeyring(`a:${k1},b:${k2}`, 'b').currentKeyId).toBe('b');
  });

  it.each([
    ['empty', ''],
    ['a missing id', `:${k1}`],
    ['a bad id', `bad id:${k1}`],
    ['a short key', `a:${Buffer.alloc(16).toString('base64')}`],
    ['a duplicate id', `a:${k1},a:${k2}`],
  ])('rejects %s without echoing key material', (_label, spec) => {
    expect(() => parseKeyring(spec)).toThrow(KeyringError);
    try {
      parseKeyring(spec);
    } catch (error) {
      expect(String(error)).not.toContain(k1);
    }
  });

  it('rejects a current key id that is not in the ring', () => {
    expect(() => parseKeyring(`a:${k1}`, 'z')).toThrow(/not in the keyring/);
  });
});

describe('token hashing', () => {
  it('hashes to 64 hex chars and compares in constant time', () => {
    const hash = sha256Hex('token');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(constantTimeEqualHex(hash, sha256Hex('token'))).toBe(true);
    expect(constantTimeEqualHex(hash, sha256Hex('other'))).toBe(false);
    expect(constantTimeEqualHex(hash, 'abc')).toBe(false);
    expect(constantTimeEqualHex('', '')).toBe(false);
  });
});
