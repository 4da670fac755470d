import type { IncomingHttpHeaders } from 'node:http';

/**
 * Garmin's edge (Cloudflare) tells a browser from a script by its TLS and HTTP/2 fingerprint
 * (withings-sync PR #246, pgc #344). Over plain HTTP the simulator cannot see TLS, so it models the
 * fingerprint by headers: every impit browser profile (chrome*, firefox*, ios18) sends
 * `sec-fetch-site`, `sec-fetch-dest` and a `Mozilla/5.0` user agent; Node's fetch sends none of the
 * first two (only `sec-fetch-mode: cors`), and neither do impit without a browser or its okhttp
 * profiles. Source kind: assumed (a model; measured against impit 0.14.5 and Node 20, README.md).
 */
export function hasBrowserFingerprint(headers: IncomingHttpHeaders): boolean {
  return (
    typeof headers['sec-fetch-site'] === 'string' &&
    typeof headers['sec-fetch-dest'] === 'string' &&
    /^Mozilla\/5\.0 /.test(headers['user-agent'] ?? '')
  );
}
