import { describe, expect, it } from 'vitest';
import { SPARE_TOKENS, tokenBucket } from '../../server/remote/limiter-windows.js';
import { createRateLimiter, LATE_SEND_MS, waitForSlot, type RateWindow } from '../../server/remote/rate-limiter.js';
import { openStore } from '../../server/store/open-store.js';
import { leanestBucket } from '../helpers/leanest-bucket.js';
import { useTempStore } from '../helpers/temp-store.js';

const temp = useTempStore();
const limiter = (windows: Array<{ limit: number; windowMs: number }>, name = 'ometria-push') => createRateLimiter(temp.store.rateSlots, name, windows);
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
});

describe("Centra's token buckets (docs/design.md C5)", () => {
  it('spends the bucket less one spare token at once, then one request per refill interval', async () => {
    const l = limiter([tokenBucket(20, 10_000)], 'centra');
    const waits = await inOrder(24, () => l.reserve(0));
    expect(waits).toEqual([...Array<number>(20 - SPARE_TOKENS).fill(0), 500, 1_000, 1_500, 2_000, 2_500]);
    // Idle for a whole window refills it: the next burst goes at once again.
    expect(await inOrder(3, () => l.reserve(20_000))).toEqual([0, 0, 0]);
  });

  it('honours both buckets: the hour allows fewer in the long run than the 10 s', async () => {
    const l = limiter([tokenBucket(20, 10_000), tokenBucket(30, 3_600_000)], 'centra');
    const waits = await inOrder(31, () => l.reserve(0));
    expect(waits.slice(0, 19).every((w) => w === 0)).toBe(true);
    expect(waits.slice(19, 29)).toEqual([500, 1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000, 4_500, 5_000]);
    // The hour's bucket (29 at once, then one per 120 s) is spent: the 30th waits for its refill.
    expect(waits[29]).toBe(120_000);
    expect(waits[30]).toBe(240_000);
  });

  it("gives a missed slot's token back", async () => {
    const l = limiter([tokenBucket(20, 10_000)], 'centra');
    await inOrder(19, () => l.reserve(0));
    expect(await l.reserve(0)).toBe(500);
    await l.release(500);
    expect(await l.reserve(0)).toBe(500);
    expect(await l.reserve(0)).toBe(1_000);
  });

  it("never lets a booked request find Centra's bucket short, and keeps the spare token for late arrivals", async () => {
    const l = limiter([tokenBucket(20, 10_000)], 'centra');
    const slots: number[] = [];
    // Bursts, idle spells and steady demand, booked as the worker would (each booking from its own `now`).
    for (const now of [0, 0, 0, 3_000, 3_000, 9_000, 9_100, 30_000]) for (let i = 0; i < 12; i++) slots.push(now + (await l.reserve(now)));
    expect(leanestBucket(slots, 20, 10_000)).toBeGreaterThanOrEqual(1 + SPARE_TOKENS);
  });
});

describe('a fleet of limiters on one calendar (issue 9)', () => {
  const centra: RateWindow[] = [tokenBucket(20, 10_000), tokenBucket(60, 3_600_000)];

  it("never overdraws Centra's buckets, with every replica booking at once", async () => {
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
      expect(leanestBucket(slots, 20, 10_000)).toBeGreaterThanOrEqual(1 + SPARE_TOKENS);
      expect(leanestBucket(slots, 60, 3_600_000)).toBeGreaterThanOrEqual(1 + SPARE_TOKENS);
      // Nothing is lost either: 19 at once, then one per 500 ms while the 10 s bucket binds (the hour's refill of
      // one per 60 s is too slow to matter until its 59 are spent).
      const sorted = [...slots].sort((a, b) => a - b);
      expect(sorted[18]).toBe(0);
      expect(sorted.slice(19, 59)).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 500));
      expect(sorted[59]).toBe(60_000);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});

describe('waiting for a slot', () => {
  /** A clock the test moves: each wait lasts what it asked for plus the lateness the test gives that timer. */
  let calendars = 0;
  const run = async (late: readonly number[]) => {
    const l = limiter([{ limit: 1, windowMs: 1000 }], `late-${++calendars}`);
    await l.reserve(0); // the next free slot is at 1000
    let clock = 0;
    const waits: number[] = [];
    const rebooked = await waitForSlot(
      l,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms + (late[waits.length - 1] ?? 0);
      },
    );
    return { waits, sentAt: clock, rebooked };
  };

  it('sends at its slot when the timer is on time or a little late', async () => {
    expect(await run([0])).toEqual({ waits: [1000], sentAt: 1000, rebooked: 0 });
    expect(await run([LATE_SEND_MS])).toEqual({ waits: [1000], sentAt: 1000 + LATE_SEND_MS, rebooked: 0 });
  });

  it('books again when the timer fired late, giving the missed slot back, so the send is booked when it goes', async () => {
    // Fired 40 ms late at 1040: 1000 is given back and 1040 booked, a window after 0, so the send goes at once.
    const l = limiter([{ limit: 1, windowMs: 1000 }], `late-${++calendars}`);
    await l.reserve(0);
    let clock = 0;
    const rebooked = await waitForSlot(
      l,
      () => clock,
      async (ms) => {
        clock += ms + 40;
      },
    );
    expect({ sentAt: clock, rebooked }).toEqual({ sentAt: 1040, rebooked: 1 });
    // The calendar holds 0 and 1040, not the missed 1000 too: the next slot is a window after 1040.
    expect(await l.reserve(1040)).toBe(1000);
  });

  it('books again when the booking itself took past its slot, asking as far ahead as the booking took', async () => {
    const l = limiter([{ limit: 1, windowMs: 1000 }], `late-${++calendars}`);
    let clock = 0;
    // Each booking takes 60 ms of a busy event loop: the first slot (0) has passed by 35 ms more than LATE_SEND_MS.
    // The second asks for 60 ms ahead of its start (120), and is on time when its booking ends.
    const slow = { ...l, reserve: async (at: number) => l.reserve(at).finally(() => (clock += 60)) };
    const rebooked = await waitForSlot(
      slow,
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    expect({ sentAt: clock, rebooked }).toEqual({ sentAt: 120, rebooked: 1 });
    expect(await l.reserve(120)).toBe(1000);
  });

  it('sends anyway after three re-bookings in a row', async () => {
    const l = limiter([{ limit: 1, windowMs: 1000 }], `late-${++calendars}`);
    let clock = 0;
    let bookings = 0;
    // Each booking takes 40 ms longer than the one before, so asking as far ahead as the last one took is never enough.
    const slower = { ...l, reserve: async (at: number) => l.reserve(at).finally(() => (clock += 40 * ++bookings)) };
    const rebooked = await waitForSlot(
      slower,
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    expect({ bookings, rebooked, sentAt: clock }).toEqual({ bookings: 4, rebooked: 3, sentAt: 400 });
  });
});
