import { isDeepStrictEqual } from 'node:util';
import type { OmetriaRecorder } from '../../../sandbox/ometria-recorder/index.js';
import type { Secrets } from './fault-stack.js';

export interface OnceByContent {
  missing: string[];
  /** Ids whose received bodies differ: the same order pushed with two contents. */
  conflicting: string[];
  /** Ids received more than once with identical bodies (a crash between Ometria's 2xx and our ledger write). */
  resent: string[];
}

/**
 * "Exactly once by content": every order is in Ometria, and where one arrived more than once every body was the
 * same (Ometria upserts by id, so an identical re-send changes nothing).
 */
export function orderDelivery(ometria: OmetriaRecorder, numbers: Iterable<number>): OnceByContent {
  const out: OnceByContent = { missing: [], conflicting: [], resent: [] };
  for (const n of numbers) {
    const id = String(n);
    const bodies = ometria.store.bodies('order', id);
    if (bodies.length === 0) out.missing.push(id);
    else if (bodies.some((b) => !isDeepStrictEqual(b, bodies[0]))) out.conflicting.push(id);
    else if (bodies.length > 1) out.resent.push(id);
  }
  return out;
}

export const allDelivered = (ometria: OmetriaRecorder, numbers: Iterable<number>): boolean => {
  for (const n of numbers) if (ometria.store.versions('order', String(n)) === 0) return false;
  return true;
};

/** Shaped like an email address (the redactor's own pattern is not reused: this check must not share its bugs). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** Log lines carrying a secret of the run, one of `emails`, or anything shaped like an email address. */
export function leakyLines(lines: readonly string[], secrets: Secrets, emails: readonly string[], extra: readonly string[] = []): string[] {
  const needles = [...Object.values(secrets), ...extra].filter((s) => s.length >= 8);
  const lowerEmails = new Set(emails.map((e) => e.toLowerCase()));
  return lines.filter((line) => {
    if (needles.some((s) => line.includes(s))) return true;
    const lower = line.toLowerCase();
    for (const e of lowerEmails) if (lower.includes(e)) return true;
    return EMAIL.test(line);
  });
}

/**
 * The most push calls that reached the recorder in any window of 1 s less `slackMs`. The client spaces its
 * calls by its own clock before sending; the recorder stamps them on arrival, so one call that travels a few ms
 * longer than the next can make two windows of exactly 1,000 ms overlap by those few ms.
 */
export function maxPushesPerSecond(ometria: OmetriaRecorder, slackMs = 50): number {
  return ometria.pushes.maxRequestsInAnyWindow(1_000 - slackMs);
}

/** The most of `times` (ms) in any window of `windowMs` less `slackMs` (arrival stamps; see maxPushesPerSecond). */
export function maxInWindow(times: readonly number[], windowMs: number, slackMs = 50): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs - slackMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with FAULT_SEED. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function faultSeed(): number {
  const given = Number(process.env.FAULT_SEED);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 1_000_000);
}
