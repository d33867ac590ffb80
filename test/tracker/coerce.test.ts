import { describe, expect, it } from 'vitest';
import { cur, num, qty, str } from '../../tracker/coerce.js';

describe('input normalisers', () => {
  it('str trims, cuts to 512 and refuses non-scalars', () => {
    expect(str('  a ')).toBe('a');
    expect(str(12)).toBe('12');
    expect(str('x'.repeat(600))).toHaveLength(512);
    for (const v of ['', '   ', null, undefined, {}, [], true]) expect(str(v)).toBeUndefined();
  });

  it('num takes numbers and numeric strings only', () => {
    expect(num('49.50')).toBe(49.5);
    expect(num(0)).toBe(0);
    for (const v of ['', ' ', 'abc', NaN, Infinity, null, undefined, true, []]) expect(num(v)).toBeUndefined();
  });

  it('qty is a non-negative integer with a default', () => {
    expect(qty('2', 1)).toBe(2);
    expect(qty(undefined, 1)).toBe(1);
    expect(qty(-3, 1)).toBe(0);
    expect(qty(1.6, 1)).toBe(2);
  });

  it('cur upper-cases ISO-4217 codes', () => {
    expect(cur(' gbp ')).toBe('GBP');
    for (const v of ['GB', 'POUND', 1, null]) expect(cur(v)).toBeUndefined();
  });
});
