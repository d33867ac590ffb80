// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cur, num, qty, storage, str, uuid } from '../../tracker/util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('uuid', () => {
  it('uses crypto.randomUUID when it can', () => {
    const spy = vi.spyOn(crypto, 'randomUUID');
    expect(uuid()).toMatch(UUID);
    expect(spy).toHaveBeenCalled();
  });

  it('falls back to getRandomValues outside secure contexts (no randomUUID)', () => {
    vi.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      throw new TypeError('crypto.randomUUID is not a function');
    });
    const ids = Array.from({ length: 200 }, uuid);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('falls back to Math.random without any crypto', () => {
    vi.stubGlobal('crypto', undefined);
    const ids = Array.from({ length: 200 }, uuid);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('storage', () => {
  it('reads and writes localStorage', () => {
    const [get, set, del] = storage();
    set('k', 'v');
    expect(localStorage.getItem('k')).toBe('v');
    expect(get('k')).toBe('v');
    del('k');
    expect(get('k')).toBeNull();
    expect(localStorage.getItem('k')).toBeNull();
  });

  it('keeps working in memory once localStorage starts failing', () => {
    const [get, set] = storage();
    set('a', '1');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    set('a', '2');
    expect(get('a')).toBe('2');
  });
});

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
