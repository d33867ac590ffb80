// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { storage } from '../../tracker/storage.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
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
