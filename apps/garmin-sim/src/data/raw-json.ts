/**
 * JSON that keeps Garmin's number forms. Garmin writes some numbers as decimals even when whole
 * (`"bodyBatteryVersion": 2.0`, `"totalKilocalories": 2252.0`); `JSON.parse` + `JSON.stringify` would turn
 * those into `2` and `2252`. A field's "path" names it independently of array positions: `$.a[].b`;
 * elements of an array nested in an array (Garmin's tuples such as `[ts, "MEASURED", 26, 2.0]`) are
 * positional: `$.bodyBatteryValuesArray[][3]`.
 */
export type DecimalPaths = ReadonlySet<string>;

/** Object keys that are ids (Garmin keys some maps by device id: `reportData.3469703076`) are named `{id}` in paths. */
const ID_KEY = /^\d{5,}$/;

export const elementPath = (path: string, index: number, parentIsTuple: boolean) => `${path}[${parentIsTuple ? index : ''}]`;

/** What a JSON value is, telling whole numbers from decimals as written. */
export type JsonKind = 'integer' | 'decimal' | 'string' | 'boolean' | 'null' | 'object' | 'array' | 'emptyArray';

/** Every path of `text` with the kinds of value found there (numbers by how they are written). */
export function pathKinds(text: string): Map<string, Set<JsonKind>> {
  const found = new Map<string, Set<JsonKind>>();
  const note = (path: string, kind: JsonKind) => {
    let kinds = found.get(path);
    if (!kinds) found.set(path, (kinds = new Set()));
    kinds.add(kind);
  };
  let at = 0;
  const space = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const string = (): string => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (path: string, inArray: boolean): void => {
    space();
    const c = text[at];
    if (c === '{') {
      note(path, 'object');
      at++;
      space();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        space();
        const key = string();
        space();
        at++; // the colon
        value(`${path}.${ID_KEY.test(key) ? '{id}' : key}`, false);
        space();
        if (text[at++] === '}') return;
      }
    }
    if (c === '[') {
      at++;
      space();
      if (text[at] === ']') {
        note(path, 'emptyArray');
        at++;
        return;
      }
      note(path, 'array');
      for (let index = 0; ; index++) {
        value(elementPath(path, index, inArray), true);
        space();
        if (text[at++] === ']') return;
      }
    }
    if (c === '"') {
      string();
      return note(path, 'string');
    }
    const start = at;
    while (at < text.length && /[-+0-9.eEtruefalsn]/.test(text[at])) at++;
    const token = text.slice(start, at);
    if (token === 'null') return note(path, 'null');
    if (token === 'true' || token === 'false') return note(path, 'boolean');
    if (!/^-?\d/.test(token)) throw new Error(`not JSON at ${start}: ${text.slice(start, start + 20)}`);
    note(path, /[.eE]/.test(token) ? 'decimal' : 'integer');
  };
  value('$', false);
  return found;
}

/** Every path at which `text` holds a number written with a fraction or exponent. */
export function decimalPathsOf(text: string): Set<string> {
  return new Set([...pathKinds(text)].filter(([, kinds]) => kinds.has('decimal')).map(([path]) => path));
}

/**
 * JSON text of `value` with the numbers at `decimals` written as decimals (`2.0`), as Garmin does. `root` names
 * where the value sits in the answer (`$[]` for one element of a top-level list).
 */
export function garminJson(value: unknown, decimals: DecimalPaths = new Set(), root = '$'): string {
  const write = (v: unknown, path: string, inArray: boolean): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'null';
      return decimals.has(path) && Number.isInteger(v) ? v.toFixed(1) : String(v);
    }
    if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map((e, i) => write(e, elementPath(path, i, inArray), true)).join(',')}]`;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, e]) => e !== undefined);
    return `{${entries.map(([k, e]) => `${JSON.stringify(k)}:${write(e, `${path}.${ID_KEY.test(k) ? '{id}' : k}`, false)}`).join(',')}}`;
  };
  return write(value, root, false);
}
