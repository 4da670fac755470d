import { randomBytes } from 'node:crypto';

/**
 * DI access tokens and JWT_WEB values are JWTs whose payload clients read `exp` and `client_id` from
 * (pgc client.py:1421-1453 decodes both; it refuses `alg: none`). Unsigned here: the signature is random.
 */
export function fakeJwt(profileId: number, clientId: string | undefined, nowMs: number, ttlSeconds: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = {
    sub: String(profileId),
    ...(clientId ? { client_id: clientId } : {}),
    iat: Math.floor(nowMs / 1000),
    exp: Math.floor(nowMs / 1000) + ttlSeconds,
    jti: randomBytes(8).toString('hex'),
  };
  return `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(payload)}.${randomBytes(32).toString('base64url')}`;
}
