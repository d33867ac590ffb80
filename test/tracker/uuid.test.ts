// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from '../../tracker/uuid.js';

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
