import { describe, expect, it } from 'vitest';
import { createRateLimiter, type RateSlots, type RateWindow } from '../../server/remote/rate-limiter.js';
import { openStore } from '../../server/store/open-store.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();
const limiter = (windows: Array<{ limit: number; windowMs: number }>, name = 'ometria-push') => createRateLimiter(temp.store.rateSlots, name, windows);
/** The most slots any window of `windowMs` holds: each window starting at a slot is checked. */
const busiestWindow = (slots: readonly number[], windowMs: number): number =>
  Math.max(...slots.map((s) => slots.filter((t) => t >= s && t < s + windowMs).length));
/** Counts the booking transactions a limiter makes. */
const counted = (slots: RateSlots): RateSlots & { blocks: number[] } => {
  const blocks: number[] = [];
  return {
    blocks,
    bookBlock: (name, windows, now, count) => (blocks.push(count), slots.bookBlock(name, windows, now, count)),
    pauseUntil: (name, until) => slots.pauseUntil(name, until),
  };
};
const inOrder = async (times: number, reserve: () => Promise<number>): Promise<number[]> => {
  const waits: number[] = [];
  for (let i = 0; i < times; i++) waits.push(await reserve());
  return waits;
};

describe('rate limiter (a calendar in the store)', () => {
  it('lets the quota through at once, then spaces requests by the window', async () => {
    const l = limiter([{ limit: 3, windowMs: 1000 }]);
    expect(await inOrder(5, () => l.reserve(0))).toEqual([0, 0, 0, 1000, 1000]);
    expect(await l.reserve(500)).toBe(500);
  });

  it('honours the tightest of several windows (Centra: per 10 s and per hour)', async () => {
    const l = limiter([
      { limit: 20, windowMs: 10_000 },
      { limit: 25, windowMs: 3_600_000 },
    ]);
    const waits = await inOrder(26, () => l.reserve(0));
    expect(waits.slice(0, 20).every((w) => w === 0)).toBe(true);
    expect(waits[20]).toBe(10_000);
    expect(waits[25]).toBe(3_600_000);
  });

  it('sends nothing before a pause set by a 429 ends, whichever replica booked it', async () => {
    await limiter([{ limit: 100, windowMs: 1000 }]).pauseUntil(5_000);
    expect(await limiter([{ limit: 100, windowMs: 1000 }]).reserve(1_000)).toBe(4_000);
  });

  it('adopts a live quota', async () => {
    const l = limiter([{ limit: 1, windowMs: 10_000 }]);
    l.setLimits([{ limit: 2, windowMs: 10_000 }]);
    expect(await inOrder(3, () => l.reserve(0))).toEqual([0, 0, 10_000]);
  });

  it('replicas booking at once share one limit: no second holds more than its quota (issue 9)', async () => {
    const replicas = [0, 1, 2].map(() => limiter([{ limit: 4, windowMs: 1000 }]));
    const slots = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 3]!.reserve(0)));
    const perSecond = new Map<number, number>();
    for (const at of slots) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    expect([...perSecond.values()].every((n) => n <= 4)).toBe(true);
    expect(Math.max(...slots)).toBe(7_000);
  });

  it('keeps calendars apart by name (Centra and Ometria do not share a limit)', async () => {
    await inOrder(2, () => limiter([{ limit: 2, windowMs: 1000 }], 'centra').reserve(0));
    expect(await limiter([{ limit: 2, windowMs: 1000 }], 'ometria-push').reserve(0)).toBe(0);
  });

  it('books the reservations made during a booking as one block, one transaction for all of them (issue 17)', async () => {
    const slots = counted(temp.store.rateSlots);
    const l = createRateLimiter(slots, 'ometria-push', [{ limit: 4, windowMs: 1000 }]);
    const waits = await Promise.all(Array.from({ length: 10 }, () => l.reserve(0)));
    expect(waits).toEqual([0, 0, 0, 0, 1000, 1000, 1000, 1000, 2000, 2000]);
    // The first asks alone; the nine that came while it booked share the next transaction.
    expect(slots.blocks).toEqual([1, 9]);
  });

  it('books no slot before the moment its caller asked, whichever caller of a block asked last', async () => {
    const l = limiter([{ limit: 10, windowMs: 1000 }]);
    const [a, b, c] = await Promise.all([l.reserve(0), l.reserve(100), l.reserve(300)]);
    expect(a).toBe(0);
    // b and c were booked together from the later clock, 300: b waits 200 ms, c none.
    expect([b, c]).toEqual([200, 0]);
  });

  it('a failed booking fails every reservation of its block, and the next booking works', async () => {
    let fail = true;
    const flaky: RateSlots = {
      bookBlock: (name, windows, now, count) => (fail ? Promise.reject(new Error('store down')) : temp.store.rateSlots.bookBlock(name, windows, now, count)),
      pauseUntil: (name, until) => temp.store.rateSlots.pauseUntil(name, until),
    };
    const l = createRateLimiter(flaky, 'ometria-push', [{ limit: 4, windowMs: 1000 }]);
    const outcomes = await Promise.allSettled([l.reserve(0), l.reserve(0), l.reserve(0)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    fail = false;
    expect(await l.reserve(0)).toBe(0);
  });

  it('a pause set by one replica holds back a whole block booked by another', async () => {
    await limiter([{ limit: 100, windowMs: 1000 }]).pauseUntil(5_000);
    const l = limiter([{ limit: 100, windowMs: 1000 }]);
    expect(await Promise.all([l.reserve(1_000), l.reserve(1_000), l.reserve(1_000)])).toEqual([4_000, 4_000, 4_000]);
  });
});

describe('a fleet of limiters on one calendar (issue 17)', () => {
  const centra: RateWindow[] = [
    { limit: 20, windowMs: 10_000 },
    { limit: 60, windowMs: 3_600_000 },
  ];

  it('never exceeds any window, with every replica booking blocks at once', async () => {
    // PostgreSQL: each replica its own pool on the database, as separate processes would be. SQLite is one process
    // per file by design (its writers would block each other's event loop), so there the replicas share the handle.
    const url = temp.databaseUrl;
    const handles = url ? await Promise.all([0, 1, 2].map(() => openStore({ dataDir: temp.path, synchronous: 'NORMAL', databaseUrl: url }))) : [];
    try {
      const replicas = (url ? handles : [temp.store, temp.store, temp.store]).map((h) => createRateLimiter(h.rateSlots, 'centra', centra));
      // 3 replicas × 3 rounds × 8 concurrent reservations: 72 sends, more than the hour allows in a burst.
      const slots: number[] = [];
      for (let round = 0; round < 3; round++) {
        const now = round * 1_000;
        const booked = await Promise.all(replicas.flatMap((r) => Array.from({ length: 8 }, () => r.reserve(now).then((w) => now + w))));
        slots.push(...booked);
      }
      expect(slots).toHaveLength(72);
      expect(busiestWindow(slots, 10_000)).toBe(20);
      expect(busiestWindow(slots, 3_600_000)).toBe(60);
      // Nothing is lost either: the hour's 60 go in three full 10 s windows.
      expect([...slots].sort((a, b) => a - b)[59]).toBe(20_000);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
