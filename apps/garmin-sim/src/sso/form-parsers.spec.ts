import { parseMultipartFields, parseUrlencoded } from './form-parsers';

describe('form parsers', () => {
  it('parses urlencoded bodies', () => {
    expect(parseUrlencoded('username=a%40b.c&password=p+w&embed=true')).toEqual({ username: 'a@b.c', password: 'p w', embed: 'true' });
  });

  it('parses the text fields of a form-data body as axios sends it', () => {
    const boundary = '--------------------------123456789';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = `${part('username', 'demo@fittrack.test')}${part('_csrf', 'ABC')}${part('note', 'two\r\nlines')}--${boundary}--\r\n`;
    expect(parseMultipartFields(body, `multipart/form-data; boundary=${boundary}`)).toEqual({
      username: 'demo@fittrack.test',
      _csrf: 'ABC',
      note: 'two\r\nlines',
    });
  });

  it('refuses multipart without a boundary', () => {
    expect(parseMultipartFields('', 'multipart/form-data')).toBeUndefined();
  });
});
