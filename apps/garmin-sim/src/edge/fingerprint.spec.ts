import { hasBrowserFingerprint } from './fingerprint';

describe('hasBrowserFingerprint', () => {
  const chrome = {
    'sec-fetch-site': 'none',
    'sec-fetch-dest': 'document',
    'sec-fetch-mode': 'navigate',
    'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  };

  it('sees the headers every impit browser profile sends', () => {
    expect(hasBrowserFingerprint(chrome)).toBe(true);
  });

  it("refuses Node fetch's headers, okhttp, and a browser user agent alone", () => {
    expect(hasBrowserFingerprint({ 'sec-fetch-mode': 'cors', 'accept-language': '*', 'user-agent': 'node' })).toBe(false);
    expect(hasBrowserFingerprint({ 'user-agent': 'okhttp/4.12.0', accept: '*/*' })).toBe(false);
    expect(hasBrowserFingerprint({ 'sec-fetch-mode': 'cors', 'user-agent': chrome['user-agent'] })).toBe(false);
    expect(hasBrowserFingerprint({ ...chrome, 'user-agent': 'GCM-iOS-5.22.1.4' })).toBe(false);
  });
});
