import type { FastifyInstance } from 'fastify';

export type FormFields = Record<string, string>;

/** `a=1&b=2` as an object (the last value of a repeated field wins). */
export function parseUrlencoded(body: string): FormFields {
  return Object.fromEntries(new URLSearchParams(body));
}

/**
 * The text fields of a multipart/form-data body. Enough for sign-in forms
 * (garmin-connect's sign-in POST is multipart because axios replaces its
 * content type for a form-data body); file parts are not expected here.
 */
export function parseMultipartFields(body: string, contentType: string): FormFields | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return undefined;
  const fields: FormFields = {};
  for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
    const match = /name="([^"]*)"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n$/.exec(part);
    if (match) fields[match[1]] = match[2];
  }
  return fields;
}

/** Form bodies as plain objects, for the plugin scope this is called in (SSO and OAuth only). */
export function registerFormParsers(scope: FastifyInstance): void {
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseUrlencoded(body as string));
  });
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (request, body, done) => {
    const fields = parseMultipartFields(body as string, request.headers['content-type'] ?? '');
    if (!fields)
      return done(
        Object.assign(new Error('multipart body without a boundary'), {
          statusCode: 400,
        }),
      );
    done(null, fields);
  });
}
