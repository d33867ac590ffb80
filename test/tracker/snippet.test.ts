// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SNIPPET } from '../../tracker/snippet.js';
import type { CentraOmetria } from '../../tracker/types.js';
import { installed, mockFetch, resetPage, run, sentEvents, tracker } from './harness.js';

beforeEach(() => {
  resetPage();
  vi.useFakeTimers();
});
afterEach(resetPage);

const root = join(import.meta.dirname, '..', '..');
const win = window as unknown as { centraOmetria?: CentraOmetria & { q: ArrayLike<unknown>[] } };
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- test only: runs the storefront's inline snippet as written
const runSnippet = () => new Function(SNIPPET)();

describe('the snippet', () => {
  it('stubs exactly the public methods of the tracker', () => {
    runSnippet();
    const stubbed = Object.keys(win.centraOmetria!)
      .filter((k) => k != 'q')
      .sort();
    const api = Object.keys(tracker())
      .filter((k) => !['l', 'q', 'destroy'].includes(k))
      .sort();
    expect(stubbed).toEqual(api);
  });

  it('queues direct method calls before load and the tracker sends them in order', async () => {
    const f = mockFetch(200);
    runSnippet();
    win.centraOmetria!.productView({ sku: 'P1' });
    win.centraOmetria!('identify', { email: 'a@example.com' });
    win.centraOmetria!.checkout();
    expect(win.centraOmetria!.q).toHaveLength(3);
    const kept = win.centraOmetria!;
    installed();
    kept.orderComplete({ orderNumber: 7 }); // a stub kept from before load still reaches the tracker
    await run(1000);
    expect(sentEvents(f).map((e) => e.type)).toEqual(['product_view', 'identify', 'checkout', 'order_complete']);
  });

  it('leaves a tracker that loaded first alone', () => {
    const api = installed();
    runSnippet();
    expect(win.centraOmetria).toBe(api);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- compared by identity, never called
    expect(win.centraOmetria!.productView).toBe(api.productView);
  });

  it('is the one docs/tracker.md (and the README, when it shows one) gives storefronts', () => {
    expect(readFileSync(join(root, 'docs', 'tracker.md'), 'utf8')).toContain(`<script>${SNIPPET}</script>`);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    if (readme.includes('centraOmetria.q')) expect(readme).toContain(`<script>${SNIPPET}</script>`);
  });
});
