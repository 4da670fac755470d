import { decimal, xmlEscape } from './xml';

describe('xml helpers', () => {
  it('escapes the five entities and drops control characters XML cannot carry', () => {
    expect(xmlEscape(`a<b>&"c"'\u0001d`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d');
  });

  it('writes decimals without exponent or trailing zeros', () => {
    expect(decimal(1e-9, 8)).toBe('0');
    expect(decimal(-1e-9, 8)).toBe('0');
    expect(decimal(47.37690000001, 8)).toBe('47.3769');
    expect(decimal(12, 3)).toBe('12');
    expect(decimal(2.5e-7, 8)).toBe('0.00000025');
  });
});
