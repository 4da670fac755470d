/** Said of every read route in the OpenAPI document. */
export const CACHING =
  'Answers carry a strong ETag; send it back in If-None-Match to get 304 with no body while nothing changed. Gzipped when Accept-Encoding allows.';
