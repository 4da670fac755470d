/**
 * The Android app's own headers, which python-garminconnect sends on the DI token calls and every Bearer
 * API call (client.py:286-299, 453-459). Sent over impit's okhttp profile: the Android app's HTTP stack.
 */
export function nativeHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'User-Agent': 'GCM-Android-5.23',
    'X-Garmin-User-Agent': 'com.garmin.android.apps.connectmobile/5.23; ; Google/sdk_gphone64_arm64/google; Android/33; Dalvik/2.1.0',
    'X-Garmin-Paired-App-Version': '10861',
    'X-Garmin-Client-Platform': 'Android',
    'X-App-Ver': '10861',
    'X-Lang': 'en',
    'X-GCExperience': 'GC5',
    'Accept-Language': 'en-US,en;q=0.9',
    ...extra,
  };
}

/** The TLS profile of the native calls: the Android app's okhttp (python-garminconnect uses curl_cffi's chrome). */
export const NATIVE_PROFILE = 'okhttp' as const;

/** A JWT's payload, unverified (we hold no key); undefined when it is not a JWT or claims `alg: none` (client.py:263-283). */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header['alg'] === 'none') return undefined;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JWT's `exp` in epoch seconds, when it has a usable one. */
export function jwtExpiry(token: string): number | undefined {
  const exp = jwtClaims(token)?.['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
}

/** The JWT's `client_id` claim, when present (client.py:1421-1426). */
export function jwtClientId(token: string): string | undefined {
  const id = jwtClaims(token)?.['client_id'];
  return typeof id === 'string' && id ? id : undefined;
}
